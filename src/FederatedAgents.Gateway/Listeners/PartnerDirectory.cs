using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Gateway.Configuration;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>The partners of one configuration snapshot, looked up by the client certificate a connection presented.</summary>
internal sealed class PartnerDirectory(IReadOnlyList<PartnerTrust> partners)
{
    public IReadOnlyList<PartnerTrust> Partners { get; } = partners;

    /// <summary>The partner whose trust settings recognize <paramref name="certificate"/>; null when none does.</summary>
    public PartnerConfig? Match(X509Certificate2 certificate)
    {
        foreach (var trust in Partners)
        {
            if (trust.Recognizes(certificate))
            {
                return trust.Partner;
            }
        }

        return null;
    }
}
