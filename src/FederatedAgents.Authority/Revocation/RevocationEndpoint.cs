using System.Diagnostics;
using FederatedAgents.Authority.ClientAuthentication;
using FederatedAgents.Authority.Events;
using FederatedAgents.Authority.Grants;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Authority.Storage;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.Revocation;

/// <summary>
/// <c>POST /revoke</c> (RFC 7009) for authenticated clients. Revokes the token and every token exchanged
/// from it, at once in this process and within one poll interval in every replica and gateway. A client
/// may revoke tokens issued to it (or any, with <c>CanRevokeAnyToken</c>). Unknown, invalid and expired
/// tokens get 200 as well: there is nothing left to revoke.
/// </summary>
internal sealed class RevocationEndpoint
{
    private readonly OAuthEndpoint _endpoint;
    private readonly ClientAuthenticator _clients;
    private readonly LocalTokens _local;
    private readonly IAuthorityStore _store;
    private readonly RevocationList _revocations;
    private readonly IAuthorityEventSink _events;
    private readonly TimeProvider _time;

    public RevocationEndpoint(
        OAuthEndpoint endpoint, ClientAuthenticator clients, LocalTokens local, IAuthorityStore store, RevocationList revocations, IAuthorityEventSink events, TimeProvider time)
    {
        _endpoint = endpoint;
        _clients = clients;
        _local = local;
        _store = store;
        _revocations = revocations;
        _events = events;
        _time = time;
    }

    public Task HandleAsync(HttpContext context) => _endpoint.RunAsync(context, "revocation", async state =>
    {
        var form = await FormRequest.ReadAsync(context.Request, context.RequestAborted);
        state.ClientId = form.Get("client_id");
        var client = await _clients.AuthenticateAsync(context, form, context.RequestAborted);
        state.ClientId = client.ClientId;
        var result = await _local.ValidateAsync(form.Require("token", "name the token to revoke (RFC 7009 §2.1)."), context.RequestAborted);
        if (result.IsValid)
        {
            var token = result.Token;
            if (token.ClientId != client.ClientId && !client.Registration.CanRevokeAnyToken)
            {
                throw OAuthException.UnauthorizedClient($"the token was issued to client '{token.ClientId}'; only that client (or one allowed to revoke any token) may revoke it.");
            }

            var revoked = await _store.RevokeAsync(token.JwtId!, token.ExpiresAt!.Value, context.RequestAborted);
            foreach (var entry in revoked)
            {
                _revocations.Add(entry.Id, entry.ExpiresAt);
            }

            await _events.WriteAsync(
                new TokenRevokedEvent
                {
                    Time = _time.GetUtcNow(),
                    ClientId = client.ClientId,
                    Operation = state.Operation,
                    TraceId = Activity.Current?.TraceId.ToString(),
                    JwtId = token.JwtId!,
                    DescendantIds = [.. revoked.Skip(1).Select(r => r.Id)],
                },
                context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
    });
}
