using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Authority.Configuration;

namespace FederatedAgents.Authority.ClientAuthentication;

/// <summary>A client that proved its identity on this request, and the TLS client certificate of the connection, if any.</summary>
internal sealed record AuthenticatedClient(ClientRegistration Registration, X509Certificate2? Certificate)
{
    public string ClientId => Registration.ClientId;
}
