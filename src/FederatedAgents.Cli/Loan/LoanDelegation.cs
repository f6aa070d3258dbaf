using FederatedAgents.Authority.Client;

namespace FederatedAgents.Cli.Loan;

/// <summary>
/// What alice's application does before a loan check: she logs in at the authority's development login
/// (<c>POST /dev/login</c>), and the loan agent's client exchanges her token for one delegated to it.
/// </summary>
internal static class LoanDelegation
{
    /// <summary>The delegated access token. Throws <see cref="IOException"/> when the login is refused, <see cref="AuthorityRequestException"/> when the exchange is.</summary>
    /// <param name="http">The HTTP client trusting the authority's TLS certificate.</param>
    /// <param name="loanAgent">The loan agent's client at that authority.</param>
    public static async Task<string> DelegateAsync(
        HttpClient http, AuthorityClient loanAgent, string user, string password, string audience, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var issuer = loanAgent.Issuer.TrimEnd('/');
        using var login = await http.PostAsync(issuer + "/dev/login", new FormUrlEncodedContent([new("username", user), new("password", password)]), cancellationToken);
        if (!login.IsSuccessStatusCode)
        {
            throw new IOException($"{user} could not log in at {issuer}/dev/login: HTTP {(int)login.StatusCode} {await login.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var person = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync(cancellationToken));
        var result = await loanAgent.ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = person.RootElement.GetProperty("access_token").GetString()!, Audiences = [audience], Scopes = scopes },
            cancellationToken);
        return result.AccessToken;
    }
}
