using FederatedAgents.Authority.Configuration;
using FederatedAgents.Tokens.Caching;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// Reads back access tokens this authority issued, for any of its audiences (exchange, introspection,
/// revocation), with its live key ring, caching validations by token hash. Revocation is not checked here.
/// </summary>
internal sealed class LocalTokens
{
    private readonly string _issuer;
    private readonly CachingTokenValidator _validator;

    public LocalTokens(AuthoritySettings settings, TimeProvider time)
    {
        _issuer = settings.Issuer;
        _validator = new CachingTokenValidator(new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.AccessToken, AcceptAnyAudience = true, Issuers = [settings.Issuer] },
            new KeyRingIssuerKeyResolver(settings.Issuer, settings.Keys),
            time));
    }

    public ValueTask<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken) =>
        _validator.ValidateAsync(token, cancellationToken);

    /// <summary>How the store and the revocation list name a token: its <c>jti</c> when it is ours, <c>"&lt;iss&gt; &lt;jti&gt;"</c> otherwise.</summary>
    public string IdOf(ValidatedToken token) => IdOf(token.Issuer, token.JwtId!);

    public string IdOf(string issuer, string jwtId) => issuer == _issuer ? jwtId : $"{issuer} {jwtId}";
}
