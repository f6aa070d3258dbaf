using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Trust;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.ClientAuthentication;

/// <summary>
/// Validates a connection's client certificate against a CA once per connection (building a chain costs
/// far more than issuing a token), remembering the answer for at most five minutes and never past the
/// certificate's expiry.
/// </summary>
internal sealed class ConnectionCertificateTrust
{
    private static readonly TimeSpan s_remember = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    public ConnectionCertificateTrust(TimeProvider time) => _time = time;

    /// <summary>Null when trusted; otherwise why not.</summary>
    public string? FindProblem(HttpContext context, CertificateTrust trust, X509Certificate2 certificate)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        var now = _time.GetUtcNow();
        if (items?.TryGetValue(trust, out var cached) == true && cached is Remembered remembered
            && remembered.Certificate.Equals(certificate) && now < remembered.Until)
        {
            return remembered.Problem;
        }

        var problem = trust.Validate(certificate, CertificateUsage.Client).Problem;
        if (items is not null)
        {
            var until = now + s_remember;
            items[trust] = new Remembered(certificate, problem, until < certificate.NotAfter ? until : certificate.NotAfter);
        }

        return problem;
    }

    private sealed record Remembered(X509Certificate2 Certificate, string? Problem, DateTimeOffset Until);
}
