using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederatedAgents.Gateway.Configuration;

/// <summary>Reads one <c>Gateway:Partners:N</c> entry.</summary>
internal static class PartnerConfigReader
{
    public static PartnerConfig Read(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Name", "Authority", "GatewayAddress", "ClientCertificate");
        var name = node.RequiredString("Name", "give the partner organization a unique name, e.g. \"bureau\".");
        var gateway = node.String("GatewayAddress");
        Uri? gatewayAddress = null;
        if (gateway is not null && !TryHttpsUrl(gateway, out gatewayAddress))
        {
            node.Error("GatewayAddress", $"'{gateway}' is not an https:// address; give the partner gateway's address, e.g. https://gateway.bureau.example:8443.");
        }

        return new PartnerConfig(name, ReadAuthority(node["Authority"], paths), gatewayAddress, ReadTrust(node["ClientCertificate"], paths));
    }

    /// <summary>An authority's exact issuer and where its keys are (a partner's, or this organization's own when it runs elsewhere).</summary>
    public static PartnerAuthorityConfig ReadAuthority(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Issuer", "JwksUri", "JwksFile");
        var issuerText = node.RequiredString("Issuer", "give the partner authority's exact issuer, e.g. https://auth.bureau.example.");
        Uri? issuer = null;
        if (issuerText.Length > 0 && !TryIssuer(issuerText, out issuer))
        {
            node.Error("Issuer", $"'{issuerText}' is not an https:// issuer (http:// only on loopback); copy the issuer from the partner's authority metadata.");
        }

        var jwksText = node.String("JwksUri");
        Uri? jwksUri = null;
        if (jwksText is not null && !TryIssuer(jwksText, out jwksUri))
        {
            node.Error("JwksUri", $"'{jwksText}' is not an https:// address (http:// only on loopback); copy jwks_uri from the partner's authority metadata.");
        }

        var jwksFile = paths.ResolveOptional(node.String("JwksFile"));
        if (jwksText is null && jwksFile is null)
        {
            node.Errors.Add(node.Path, "names no signing keys; set JwksUri (the partner authority's jwks_uri) or JwksFile (a JWKS the partner gave you), or both.");
        }

        return new PartnerAuthorityConfig(issuer ?? GatewayConfigReader.Placeholder, jwksUri, jwksFile);
    }

    private static ClientCertificateTrustConfig ReadTrust(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("CertificateAuthority", "Thumbprints", "Subject");
        var authority = paths.ResolveOptional(node.String("CertificateAuthority"));
        var pins = new List<byte[]>();
        var thumbprints = node.Strings("Thumbprints");
        for (var i = 0; i < thumbprints.Count; i++)
        {
            if (TryThumbprint(thumbprints[i], out var pin))
            {
                pins.Add(pin);
            }
            else
            {
                node.Error($"Thumbprints:{i}", $"'{thumbprints[i]}' is not a SHA-256 thumbprint; give 64 hex digits (colons allowed), e.g. from `openssl x509 -noout -fingerprint -sha256 -in client.crt`.");
            }
        }

        if (authority is null && thumbprints.Count == 0)
        {
            node.Errors.Add(node.Path, "trusts no certificate; set CertificateAuthority (the partner's CA file) or Thumbprints (pinned SHA-256 thumbprints of its client certificates).");
        }

        var subject = node.String("Subject");
        if (subject is not null && !TryDistinguishedName(subject))
        {
            node.Error("Subject", $"'{subject}' is not a distinguished name; write it as the certificate shows it, e.g. CN=bureau gateway, O=bureau.");
        }

        return new ClientCertificateTrustConfig(authority, pins, subject);
    }

    private static bool TryHttpsUrl(string text, out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme == Uri.UriSchemeHttps;

    private static bool TryIssuer(string text, out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url)
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && GatewayConfigReader.IsLoopback(url)));

    private static bool TryThumbprint(string text, out byte[] thumbprint)
    {
        thumbprint = [];
        var hex = text.Replace(":", "", StringComparison.Ordinal);
        if (hex.Length != SHA256.HashSizeInBytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        thumbprint = Convert.FromHexString(hex);
        return true;
    }

    private static bool TryDistinguishedName(string text)
    {
        try
        {
            return new X500DistinguishedName(text).RawData.Length > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
