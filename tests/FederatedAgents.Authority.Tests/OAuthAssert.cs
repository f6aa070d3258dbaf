using FederatedAgents.Authority.Client;
using FederatedAgents.Testing;

namespace FederatedAgents.Authority.Tests;

internal static class OAuthAssert
{
    /// <summary>Asserts the request failed with <paramref name="error"/> and <paramref name="status"/>, the description mentioning <paramref name="mentions"/>.</summary>
    public static async Task<AuthorityRequestException> FailsAsync(Task request, string error, int status, string mentions)
    {
        var failure = await Assert.ThrowsAsync<AuthorityRequestException>(() => request.Bounded());
        Assert.True((error, status) == (failure.Error, failure.StatusCode), failure.Message);
        Assert.True(failure.ErrorDescription?.Contains(mentions, StringComparison.OrdinalIgnoreCase) == true, $"'{mentions}' is not in: {failure.ErrorDescription}");
        return failure;
    }

    public static void Error(RawResponse response, string error, int status, string mentions)
    {
        Assert.True((status, error) == ((int)response.Status, response.Error), response.ToString());
        Assert.True(response.Json.GetProperty("error_description").GetString()!.Contains(mentions, StringComparison.OrdinalIgnoreCase), $"'{mentions}' is not in: {response}");
        Assert.Equal("no-store", response.CacheControl);
    }
}
