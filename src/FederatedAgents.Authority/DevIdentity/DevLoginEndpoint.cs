using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Grants;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Tokens.Delegation;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.DevIdentity;

/// <summary>
/// <c>POST /dev/login</c> (only with <c>Authority:DevIdentityProvider</c>): a form with <c>username</c>,
/// <c>password</c> and optionally <c>scope</c> (narrowing the user's scopes) returns a token response whose
/// access token identifies the person (issuer and audience = this authority, <c>client_id</c>
/// <c>dev-login</c>, the user's <c>may_act</c>), to be used as <c>subject_token</c> in an exchange.
/// </summary>
internal sealed class DevLoginEndpoint
{
    public const string ClientId = "dev-login";

    private readonly OAuthEndpoint _endpoint;
    private readonly DevIdentityProvider _users;
    private readonly TokenIssuance _issuance;

    public DevLoginEndpoint(OAuthEndpoint endpoint, AuthoritySettings settings, TokenIssuance issuance)
    {
        _endpoint = endpoint;
        _users = settings.DevIdentityProvider!;
        _issuance = issuance;
    }

    public Task HandleAsync(HttpContext context) => _endpoint.RunAsync(context, "dev_login", async state =>
    {
        var form = await FormRequest.ReadAsync(context.Request, context.RequestAborted);
        var username = form.Require("username", "name a user of Authority:DevIdentityProvider:Users.");
        var user = _users.Authenticate(username, form.Require("password", "send the user's password."))
            ?? throw OAuthException.InvalidGrant($"the username or password is wrong for the development identity provider.");
        var requested = form.Scopes();
        var scopes = requested is null ? user.Scopes : [.. requested.Where(s => user.Scopes.Contains(s, StringComparer.Ordinal))];
        if (scopes.Count == 0)
        {
            throw OAuthException.InvalidScope($"user '{username}' holds none of '{string.Join(' ', requested!)}'; they hold '{string.Join(' ', user.Scopes)}'.");
        }

        var descriptor = _issuance.AccessToken(ClientId, [_issuance.Issuer], scopes) with { Lifetime = _users.TokenLifetime, MayAct = user.MayAct };
        var issued = await _issuance.IssueAsync(descriptor, new Principal(user.Username, _issuance.Issuer), [], state.Operation, ClientId, context.RequestAborted);
        await OAuthResponses.WriteTokenAsync(context.Response, _issuance.AccessTokenResponse(issued, scopes));
    });
}
