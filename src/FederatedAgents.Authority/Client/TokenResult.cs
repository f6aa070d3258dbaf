using System.Text.Json;

namespace FederatedAgents.Authority.Client;

/// <summary>A successful token response (RFC 6749 §5.1, RFC 8693 §2.2.1).</summary>
/// <param name="AccessToken">The issued token (an authorization grant when <see cref="IssuedTokenType"/> is <c>…:token-type:jwt</c>).</param>
/// <param name="TokenType"><c>Bearer</c>, or <c>N_A</c> for a grant.</param>
/// <param name="Json">The whole response, for <c>--json</c> output.</param>
public sealed record TokenResult(string AccessToken, string TokenType, string? IssuedTokenType, TimeSpan ExpiresIn, IReadOnlyList<string> Scopes, string Json)
{
    internal static TokenResult From(JsonDocument document)
    {
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var expiresIn = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt64(out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;
        return new TokenResult(
            Text("access_token") ?? throw new AuthorityRequestException("the token response has no access_token."),
            Text("token_type") ?? throw new AuthorityRequestException("the token response has no token_type."),
            Text("issued_token_type"),
            expiresIn,
            Text("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            root.GetRawText());
    }
}

/// <summary>An RFC 8693 token exchange request; the token types default to access tokens.</summary>
public sealed record TokenExchangeRequest
{
    public required string SubjectToken { get; init; }

    public string SubjectTokenType { get; init; } = TokenTypeUris.AccessToken;

    /// <summary>The token of the party that will act (delegation); its holder is the client.</summary>
    public string? ActorToken { get; init; }

    public string ActorTokenType { get; init; } = TokenTypeUris.AccessToken;

    /// <summary><see cref="TokenTypeUris.Jwt"/> with a partner authority as audience asks for an identity-chaining grant.</summary>
    public string? RequestedTokenType { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    public IReadOnlyList<string> Audiences { get; init; } = [];

    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The purpose to narrow to (the subject's, or one below it such as <c>loan/credit-check</c>).</summary>
    public string? Purpose { get; init; }
}

/// <summary>RFC 8693 §3 token type identifiers.</summary>
public static class TokenTypeUris
{
    public const string AccessToken = "urn:ietf:params:oauth:token-type:access_token";
    public const string Jwt = "urn:ietf:params:oauth:token-type:jwt";
}
