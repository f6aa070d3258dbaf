using System.Text.Json;

namespace FederatedAgents.Authority.Client;

public sealed partial class AuthorityClient
{
    /// <summary>
    /// Identity chaining across organizations, both legs: exchanges <paramref name="subjectToken"/> here for an
    /// authorization grant addressed to <paramref name="partner"/>'s issuer, then redeems it there (with
    /// <paramref name="partner"/>'s own client authentication, normally mutual TLS) for an access token bound to
    /// that client's certificate.
    /// </summary>
    /// <param name="partner">This organization's client at the partner authority.</param>
    /// <param name="partnerAudiences">The partner resources (e.g. its gateway) the token is for; the partner's default when empty.</param>
    /// <param name="actorToken">This client's own token, to enter the chain as its newest actor (a gateway carrying the call); null: the chain stays as it is.</param>
    public async Task<TokenResult> ChainToPartnerAsync(
        string subjectToken, AuthorityClient partner, IReadOnlyList<string>? scopes = null, IReadOnlyList<string>? partnerAudiences = null, string? actorToken = null, CancellationToken cancellationToken = default)
    {
        var grant = await ExchangeAsync(
            new TokenExchangeRequest
            {
                SubjectToken = subjectToken,
                ActorToken = actorToken,
                RequestedTokenType = TokenTypeUris.Jwt,
                Audiences = [partner.Issuer],
                Scopes = scopes,
            },
            cancellationToken);
        return await partner.RedeemGrantAsync(grant.AccessToken, scopes, partnerAudiences, cancellationToken);
    }

    /// <summary>RFC 7662: the token's claims with <c>active: true</c>, or just <c>active: false</c>.</summary>
    public async Task<JsonElement> IntrospectAsync(string token, CancellationToken cancellationToken = default)
    {
        var endpoint = (await GetMetadataAsync(cancellationToken)).IntrospectionEndpoint
            ?? throw new AuthorityRequestException($"{Issuer} publishes no introspection_endpoint.");
        using var document = await PostAsync(endpoint, [new("token", token)], cancellationToken)
            ?? throw new AuthorityRequestException($"{endpoint} answered without an introspection response.");
        return document.RootElement.Clone();
    }

    /// <summary>RFC 7009: revokes the token (and, at this project's authorities, every token exchanged from it).</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken = default)
    {
        var endpoint = (await GetMetadataAsync(cancellationToken)).RevocationEndpoint
            ?? throw new AuthorityRequestException($"{Issuer} publishes no revocation_endpoint.");
        (await PostAsync(endpoint, [new("token", token)], cancellationToken))?.Dispose();
    }
}
