using FederatedAgents.Authority.ClientAuthentication;
using FederatedAgents.Authority.Protocol;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// <c>POST /token</c>: reads the form, authenticates the client, and dispatches on <c>grant_type</c> to
/// client credentials, token exchange or a partner's JWT authorization grant. Never issues refresh tokens.
/// </summary>
internal sealed class TokenEndpoint
{
    private readonly OAuthEndpoint _endpoint;
    private readonly ClientAuthenticator _clients;
    private readonly ClientCredentialsGrant _clientCredentials;
    private readonly TokenExchangeGrant _exchange;
    private readonly JwtBearerGrant _jwtBearer;

    public TokenEndpoint(OAuthEndpoint endpoint, ClientAuthenticator clients, ClientCredentialsGrant clientCredentials, TokenExchangeGrant exchange, JwtBearerGrant jwtBearer)
    {
        _endpoint = endpoint;
        _clients = clients;
        _clientCredentials = clientCredentials;
        _exchange = exchange;
        _jwtBearer = jwtBearer;
    }

    public Task HandleAsync(HttpContext context) => _endpoint.RunAsync(context, "token", async state =>
    {
        var form = await FormRequest.ReadAsync(context.Request, context.RequestAborted);
        var grantType = form.Require("grant_type", $"use {OAuthNames.ClientCredentials}, {OAuthNames.TokenExchange} or {OAuthNames.JwtBearer}.");
        state.Operation = grantType;
        state.ClientId = form.Get("client_id");
        var client = await _clients.AuthenticateAsync(context, form, context.RequestAborted);
        state.ClientId = client.ClientId;
        var request = new GrantContext(context, form, client, grantType);
        var response = grantType switch
        {
            OAuthNames.ClientCredentials => await _clientCredentials.HandleAsync(request),
            OAuthNames.TokenExchange => await _exchange.HandleAsync(request),
            OAuthNames.JwtBearer => await _jwtBearer.HandleAsync(request),
            _ => throw OAuthException.UnsupportedGrantType(
                $"grant_type '{grantType}' is not supported here; use {OAuthNames.ClientCredentials}, {OAuthNames.TokenExchange} or {OAuthNames.JwtBearer}."),
        };
        await OAuthResponses.WriteTokenAsync(context.Response, response);
    });
}
