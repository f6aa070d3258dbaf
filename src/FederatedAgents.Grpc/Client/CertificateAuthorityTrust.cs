using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.Client;

/// <summary>
/// Validates a server certificate against one private CA instead of the system store: the chain
/// must build to that CA for server authentication, and the name must match the host. Revocation
/// is not checked (private CAs rarely publish CRLs; keep their certificates short-lived).
/// </summary>
internal sealed class CertificateAuthorityTrust
{
    private static readonly Oid s_serverAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2 _authority;
    private readonly ILogger _logger;

    public CertificateAuthorityTrust(X509Certificate2 authority, ILogger logger)
    {
        _authority = authority;
        _logger = logger;
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 server)
        {
            GrpcChannel.Log.ServerCertificateRejected(_logger, "(none)", "the server presented no certificate");
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            GrpcChannel.Log.ServerCertificateRejected(_logger, server.Subject, "its names do not match the host");
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(s_serverAuthentication);
        if (presentedChain is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presentedChain.ChainPolicy.ExtraStore);
        }

        if (chain.Build(server))
        {
            return true;
        }

        var reasons = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        GrpcChannel.Log.ServerCertificateRejected(_logger, server.Subject, $"it does not chain to {_authority.Subject}: {reasons}");
        return false;
    }
}
