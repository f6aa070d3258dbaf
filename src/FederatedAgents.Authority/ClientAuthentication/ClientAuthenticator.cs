using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Authority.Storage;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.ClientAuthentication;

/// <summary>
/// Authenticates the client of a token, introspection or revocation request: <c>private_key_jwt</c>
/// (RFC 7523 §2.2: an assertion signed with a registered key, for this issuer or the token endpoint,
/// used once) or <c>tls_client_auth</c> (RFC 8705 §2.1: a client certificate from the registered CA with
/// the registered subject or SAN). There are no public clients and no secrets; any failure is 401 <c>invalid_client</c>.
/// </summary>
internal sealed class ClientAuthenticator
{
    private readonly AuthoritySettings _settings;
    private readonly IAuthorityStore _store;
    private readonly ConnectionCertificateTrust _certificates;
    private readonly TokenValidator _forIssuer;
    private readonly TokenValidator _forTokenEndpoint;

    public ClientAuthenticator(AuthoritySettings settings, IAuthorityStore store, TimeProvider time)
    {
        _settings = settings;
        _store = store;
        _certificates = new ConnectionCertificateTrust(time);
        var keys = new StaticIssuerKeyResolver(settings.Clients.Values
            .Where(c => c.Keys is not null)
            .Select(c => new IssuerKeys(c.ClientId, c.Keys!, [.. c.Keys!.Keys.Select(k => k.Algorithm).Distinct()])));
        _forIssuer = new TokenValidator(new TokenValidatorOptions { Kind = TokenKind.ClientAssertion, Audience = settings.Issuer }, keys, time);
        _forTokenEndpoint = new TokenValidator(new TokenValidatorOptions { Kind = TokenKind.ClientAssertion, Audience = settings.Endpoints.Token }, keys, time);
    }

    public async ValueTask<AuthenticatedClient> AuthenticateAsync(HttpContext context, FormRequest form, CancellationToken cancellationToken)
    {
        if (context.Request.Headers.Authorization.Count > 0 || form.Get("client_secret") is not null)
        {
            throw OAuthException.InvalidClient("client secrets (client_secret_basic, client_secret_post) are not accepted; authenticate with private_key_jwt or tls_client_auth.");
        }

        var assertion = form.Get("client_assertion");
        var assertionType = form.Get("client_assertion_type");
        if (assertion is not null || assertionType is not null)
        {
            return await AuthenticateAssertionAsync(context, form, assertion, assertionType, cancellationToken);
        }

        var clientId = form.Get("client_id")
            ?? throw OAuthException.InvalidClient("the request carries no client authentication: send client_assertion_type and client_assertion (private_key_jwt), or client_id over a TLS connection with the client's certificate (tls_client_auth).");
        if (!_settings.Clients.TryGetValue(clientId, out var client))
        {
            throw OAuthException.InvalidClient($"no client '{clientId}' is registered at {_settings.Issuer}.");
        }

        return client.Method == ClientAuthenticationMethod.TlsClientAuth
            ? await AuthenticateCertificateAsync(context, client)
            : throw OAuthException.InvalidClient($"client '{clientId}' authenticates with private_key_jwt: send client_assertion_type={OAuthNames.ClientAssertionType} and a signed client_assertion.");
    }

    private async ValueTask<AuthenticatedClient> AuthenticateAssertionAsync(
        HttpContext context, FormRequest form, string? assertion, string? assertionType, CancellationToken cancellationToken)
    {
        if (assertionType != OAuthNames.ClientAssertionType || assertion is null)
        {
            throw OAuthException.InvalidClient($"private_key_jwt needs client_assertion_type={OAuthNames.ClientAssertionType} and a client_assertion (RFC 7523 §2.2).");
        }

        var result = await _forIssuer.ValidateAsync(assertion, cancellationToken);
        if (result.Error?.Code == TokenErrorCode.WrongAudience)
        {
            result = await _forTokenEndpoint.ValidateAsync(assertion, cancellationToken);
        }

        if (!result.IsValid)
        {
            throw OAuthException.InvalidClient($"the client assertion was rejected: {result.Error.Description}. (A client assertion has iss = sub = the client id, aud '{_settings.Issuer}' and typ '{TokenTypes.ClientAssertion}'.)");
        }

        var client = _settings.Clients[result.Token.Issuer];
        if (form.Get("client_id") is { } clientId && clientId != client.ClientId)
        {
            throw OAuthException.InvalidClient($"client_id '{clientId}' does not match the client assertion's issuer '{client.ClientId}'.");
        }

        var replayId = $"assertion {client.ClientId} {result.Token.JwtId}";
        if (!await _store.TryUseOnceAsync(replayId, result.Token.ExpiresAt!.Value.AddMinutes(5), cancellationToken))
        {
            throw OAuthException.InvalidClient($"the client assertion with jti '{result.Token.JwtId}' was already used; sign a new assertion with a fresh jti for every request.");
        }

        return new AuthenticatedClient(client, await context.Connection.GetClientCertificateAsync(cancellationToken));
    }

    private async ValueTask<AuthenticatedClient> AuthenticateCertificateAsync(HttpContext context, ClientRegistration client)
    {
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted)
            ?? throw OAuthException.InvalidClient($"client '{client.ClientId}' uses tls_client_auth, but the TLS connection presented no client certificate; connect with its certificate.");
        return _certificates.FindProblem(context, client, certificate) is { } problem
            ? throw OAuthException.InvalidClient(problem)
            : new AuthenticatedClient(client, certificate);
    }
}
