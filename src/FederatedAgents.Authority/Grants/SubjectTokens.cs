using FederatedAgents.Authority.Configuration;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// Validates a token exchange's <c>subject_token</c>: an access token of this authority (a person's
/// development login, an agent's token, an earlier exchange) or of a trusted identity provider (for the
/// audience configured for it). Tried in that order; the first answer that is not "wrong issuer" counts.
/// </summary>
internal sealed class SubjectTokens
{
    private readonly LocalTokens _local;
    private readonly IReadOnlyList<TokenValidator> _identityProviders;
    private readonly string _accepted;

    public SubjectTokens(AuthoritySettings settings, LocalTokens local, TimeProvider time)
    {
        _local = local;
        _identityProviders = [.. settings.IdentityProviders.Select(idp => new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = idp.Audience, Issuers = [idp.Issuer] },
            idp.Keys,
            time))];
        _accepted = string.Join(", ", [settings.Issuer, .. settings.IdentityProviders.Select(idp => idp.Issuer)]);
    }

    public async ValueTask<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await _local.ValidateAsync(token, cancellationToken);
        foreach (var identityProvider in _identityProviders)
        {
            if (result.Error?.Code != TokenErrorCode.UntrustedIssuer)
            {
                break;
            }

            result = await identityProvider.ValidateAsync(token, cancellationToken);
        }

        return result.Error?.Code == TokenErrorCode.UntrustedIssuer
            ? TokenValidationResult.Failure(TokenErrorCode.UntrustedIssuer, $"its issuer is neither this authority nor a trusted identity provider (accepted: {_accepted})")
            : result;
    }
}
