using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>
/// Set on a partner-listener connection once its client certificate matched a partner in the TLS handshake.
/// Calls on the connection see the partner of their own snapshot: after a reload the certificate is matched
/// again, once, against the new partner settings (a partner removed or no longer trusted is refused).
/// </summary>
internal sealed class PartnerConnectionFeature(X509Certificate2 certificate, GatewaySnapshot snapshot, PartnerConfig partner)
{
    /// <summary>Why a call on a connection whose certificate the current snapshot no longer recognizes is refused (UNAUTHENTICATED).</summary>
    public const string NoLongerTrustedMessage = "The client certificate is no longer trusted for any partner of this gateway.";

    private Resolution _resolution = new(snapshot, new CallerInfo(partner, certificate));

    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The caller as <paramref name="snapshot"/> knows it; null when no partner of that snapshot recognizes the certificate.</summary>
    public CallerInfo? Resolve(GatewaySnapshot snapshot)
    {
        var resolution = Volatile.Read(ref _resolution);
        if (resolution.Snapshot == snapshot)
        {
            return resolution.Caller;
        }

        var match = snapshot.Partners.Match(Certificate);
        resolution = new Resolution(snapshot, match is null ? null : new CallerInfo(match, Certificate));
        Volatile.Write(ref _resolution, resolution);
        return resolution.Caller;
    }

    private sealed record Resolution(GatewaySnapshot Snapshot, CallerInfo? Caller);
}
