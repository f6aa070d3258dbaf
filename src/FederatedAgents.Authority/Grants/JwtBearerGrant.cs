using System.Collections.Frozen;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Authority.Storage;
using FederatedAgents.Tokens.Binding;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// The partner side of identity chaining: RFC 7523 <c>jwt-bearer</c> with a partner authority's JWT
/// authorization grant, presented by that partner's client over mutual TLS. The grant is validated with
/// the partner's published keys (§3), then the local trust policy for the partner applies: its client's
/// scopes and audiences, its maximum chain depth. The subject keeps its home issuer, each grant is
/// accepted once, the access token is bound to the presenting certificate (RFC 8705), and no refresh token is issued.
/// </summary>
internal sealed class JwtBearerGrant
{
    private readonly AuthoritySettings _settings;
    private readonly FrozenDictionary<string, TokenValidator> _validators;
    private readonly LocalTokens _local;
    private readonly IAuthorityStore _store;
    private readonly TokenIssuance _issuance;

    public JwtBearerGrant(AuthoritySettings settings, LocalTokens local, IAuthorityStore store, TokenIssuance issuance, TimeProvider time)
    {
        _settings = settings;
        _local = local;
        _store = store;
        _issuance = issuance;
        _validators = settings.PartnersByIssuer.Values.ToFrozenDictionary(
            p => p.Name,
            p => new TokenValidator(new TokenValidatorOptions { Kind = TokenKind.AuthorizationGrant, Audience = settings.Issuer, Issuers = [p.Issuer] }, p.Keys, time),
            StringComparer.Ordinal);
    }

    public async ValueTask<TokenResponse> HandleAsync(GrantContext request)
    {
        var client = request.Client.Registration;
        var partner = client.Partner
            ?? throw OAuthException.UnauthorizedClient($"client '{client.ClientId}' is not a partner's client; only a partner's client may present its authority's grant ({OAuthNames.JwtBearer}).");
        var assertion = request.Form.Require("assertion", $"send the authorization grant issued by {partner.Issuer} as 'assertion' (RFC 7523 §2.1).");
        var result = await _validators[partner.Name].ValidateAsync(assertion, request.Aborted);
        if (!result.IsValid)
        {
            throw OAuthException.InvalidGrant($"the authorization grant was rejected: {result.Error.Description}.");
        }

        var grant = result.Token;
        var chain = grant.Chain!;
        if (chain.Depth > partner.MaxDelegationDepth || chain.Depth > _settings.MaxDelegationDepth)
        {
            throw OAuthException.InvalidGrant($"the grant's delegation chain holds {chain.Depth} actors; chains from partner '{partner.Name}' may hold at most {Math.Min(partner.MaxDelegationDepth, _settings.MaxDelegationDepth)}.");
        }

        var descriptor = _issuance.AccessToken(client.ClientId, RequestPolicy.Targets(request.Form, client), RequestPolicy.NarrowScopes(request.Form.Scopes(), grant.Scopes, "the grant", client)) with
        {
            Actors = chain.Actors,
            CertificateThumbprint = CertificateThumbprint.Compute(request.Client.Certificate!),
            TransactionId = chain.TransactionId ?? TokenIssuance.NewTransactionId(),
            Purpose = chain.Purpose,
        };
        var grantId = _local.IdOf(grant);
        if (!await _store.TryUseOnceAsync($"grant {grantId}", grant.ExpiresAt!.Value.AddMinutes(5), request.Aborted))
        {
            throw OAuthException.InvalidGrant($"the authorization grant '{grant.JwtId}' was already used; ask {partner.Issuer} for a new grant for every token request.");
        }

        var issued = await _issuance.IssueAsync(descriptor, chain.Subject, [grantId], request.Operation, client.ClientId, request.Aborted);
        return _issuance.AccessTokenResponse(issued, descriptor.Scopes);
    }
}
