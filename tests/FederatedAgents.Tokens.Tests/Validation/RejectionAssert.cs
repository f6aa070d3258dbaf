using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

internal static class RejectionAssert
{
    /// <summary>Asserts the token was rejected with <paramref name="code"/> and a description mentioning <paramref name="mentions"/>.</summary>
    public static void Rejected(TokenValidationResult result, TokenErrorCode code, string mentions)
    {
        Assert.False(result.IsValid, "the token was accepted");
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(mentions, result.Error.Description, StringComparison.OrdinalIgnoreCase);
    }
}
