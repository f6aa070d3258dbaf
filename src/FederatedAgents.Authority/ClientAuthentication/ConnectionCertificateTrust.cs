using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Certificates.Trust;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.ClientAuthentication;

/// <summary>
/// Checks a connection's client certificate for a <c>tls_client_auth</c> client (chain to the client's CA,
/// then its registered subject or SAN) once per connection and client: building a chain costs far more
/// than issuing a token. The answer is remembered for at most five minutes, never past the certificate's expiry.
/// </summary>
internal sealed class ConnectionCertificateTrust
{
    private static readonly TimeSpan s_remember = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    public ConnectionCertificateTrust(TimeProvider time) => _time = time;

    /// <summary>Null when the certificate is the client's; otherwise why not.</summary>
    public string? FindProblem(HttpContext context, ClientRegistration client, X509Certificate2 certificate)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        var now = _time.GetUtcNow();
        if (items?.TryGetValue(client, out var cached) == true && cached is Remembered remembered
            && remembered.Certificate.Equals(certificate) && now < remembered.Until)
        {
            return remembered.Problem;
        }

        var problem = Check(client, certificate);
        if (items is not null)
        {
            var until = now + s_remember;
            items[client] = new Remembered(certificate, problem, until < certificate.NotAfter ? until : certificate.NotAfter);
        }

        return problem;
    }

    private static string? Check(ClientRegistration client, X509Certificate2 certificate)
    {
        if (client.CertificateTrust!.Validate(certificate, CertificateUsage.Client).Problem is { } untrusted)
        {
            return $"the client certificate is not accepted: {untrusted}.";
        }

        return client.Certificate!.FindMismatch(certificate) is { } mismatch
            ? $"the client certificate is not the one registered for client '{client.ClientId}': {mismatch}."
            : null;
    }

    private sealed record Remembered(X509Certificate2 Certificate, string? Problem, DateTimeOffset Until);
}
