using FederatedAgents.Authority.Protocol;
using FederatedAgents.Tokens.Delegation;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// <c>client_credentials</c> (RFC 6749 §4.4): an organization's own agent or gateway gets an access
/// token for itself (<c>sub</c> = <c>client_id</c>), for scopes and audiences from its allow-lists.
/// </summary>
internal sealed class ClientCredentialsGrant
{
    private readonly TokenIssuance _issuance;

    public ClientCredentialsGrant(TokenIssuance issuance) => _issuance = issuance;

    public async ValueTask<TokenResponse> HandleAsync(GrantContext request)
    {
        var client = request.Client.Registration;
        if (client.Partner is not null)
        {
            throw OAuthException.UnauthorizedClient($"client '{client.ClientId}' belongs to partner '{client.Partner.Name}' and may only present its authority's grants ({OAuthNames.JwtBearer}).");
        }

        var requested = request.Form.Scopes();
        var notAllowed = requested?.Where(s => !client.Scopes.Contains(s)).ToList() ?? [];
        if (notAllowed.Count > 0)
        {
            throw OAuthException.InvalidScope(
                $"client '{client.ClientId}' may not hold '{string.Join(' ', notAllowed)}'; it may hold '{string.Join(' ', client.OrderedScopes)}'.");
        }

        IReadOnlyList<string> scopes = requested is { Count: > 0 } ? requested : client.OrderedScopes;
        var descriptor = _issuance.AccessToken(client.ClientId, RequestPolicy.Targets(request.Form, client), scopes);
        var issued = await _issuance.IssueAsync(descriptor, new Principal(client.ClientId, _issuance.Issuer), [], request.Operation, client.ClientId, request.Aborted);
        return _issuance.AccessTokenResponse(issued, scopes);
    }
}
