using FederatedAgents.Authority.ClientAuthentication;
using FederatedAgents.Authority.Grants;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Authority.Storage;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.Introspection;

/// <summary>
/// <c>POST /introspect</c> (RFC 7662) for authenticated clients. An active token is answered with all its
/// claims, <c>act</c>, <c>cnf</c> and <c>sub_id</c> included; anything else (another issuer's token, an
/// invalid or expired one, or one revoked directly or through a token it was exchanged from) is <c>{"active": false}</c>.
/// </summary>
internal sealed class IntrospectionEndpoint
{
    private readonly OAuthEndpoint _endpoint;
    private readonly ClientAuthenticator _clients;
    private readonly LocalTokens _local;
    private readonly IRevocationList _revocations;
    private readonly IAuthorityStore _store;

    public IntrospectionEndpoint(OAuthEndpoint endpoint, ClientAuthenticator clients, LocalTokens local, IRevocationList revocations, IAuthorityStore store)
    {
        _endpoint = endpoint;
        _clients = clients;
        _local = local;
        _revocations = revocations;
        _store = store;
    }

    public Task HandleAsync(HttpContext context) => _endpoint.RunAsync(context, "introspection", async state =>
    {
        var form = await FormRequest.ReadAsync(context.Request, context.RequestAborted);
        state.ClientId = form.Get("client_id");
        state.ClientId = (await _clients.AuthenticateAsync(context, form, context.RequestAborted)).ClientId;
        var result = await _local.ValidateAsync(form.Require("token", "name the token to introspect (RFC 7662 §2.1)."), context.RequestAborted);
        var active = result.IsValid
            && !_revocations.IsRevoked(result.Token.JwtId!)
            && !await _store.IsRevokedAsync(result.Token.JwtId!, context.RequestAborted);
        await OAuthResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, writer =>
        {
            writer.WriteBoolean("active", active);
            if (!active)
            {
                return;
            }

            writer.WriteString("token_type", OAuthNames.Bearer);
            foreach (var claim in result.Token!.Claims.EnumerateObject())
            {
                claim.WriteTo(writer);
            }
        });
    });
}
