using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Binding;

/// <summary>
/// The RFC 8705 §3.1 certificate thumbprint <c>x5t#S256</c>: SHA-256 of the DER certificate,
/// base64url. An authority writes it into <c>cnf</c>; a resource server compares it with the
/// client certificate of the mutual-TLS connection.
/// </summary>
public static class CertificateThumbprint
{
    public static string Compute(X509Certificate2 certificate) =>
        Base64Url.EncodeToString(SHA256.HashData(certificate.RawDataMemory.Span));

    /// <summary>Whether <paramref name="certificate"/> is the one <paramref name="thumbprint"/> names, compared in constant time.</summary>
    public static bool Matches(string thumbprint, X509Certificate2 certificate)
    {
        var expected = StrictBase64Url.Decode(thumbprint);
        if (expected is not { Length: SHA256.HashSizeInBytes })
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificate.RawDataMemory.Span, actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
