using FederatedAgents.Authority.ClientAuthentication;
using FederatedAgents.Authority.Protocol;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.Grants;

/// <summary>One token request after client authentication: the form, the client, the operation (grant type).</summary>
internal sealed record GrantContext(HttpContext Http, FormRequest Form, AuthenticatedClient Client, string Operation)
{
    public CancellationToken Aborted => Http.RequestAborted;
}
