using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederatedAgents.Certificates.Pem;

/// <summary>Loads PEM certificates and their private keys (PKCS#8, SEC1 or PKCS#1; ECDSA or RSA).</summary>
public static class CertificateFiles
{
    /// <summary>Loads a certificate with its private key, ready for TLS (Kestrel, SslStream).</summary>
    /// <exception cref="FileNotFoundException">Either file is missing.</exception>
    /// <exception cref="CryptographicException">A file is not PEM, or the key does not belong to the certificate.</exception>
    public static X509Certificate2 LoadWithKey(string certificatePath, string keyPath)
    {
        RequireFile(certificatePath, "certificate");
        RequireFile(keyPath, "private key");
        return Load(
            () => X509Certificate2.CreateFromPemFile(certificatePath, keyPath),
            $"the certificate {certificatePath} with the private key {keyPath}");
    }

    /// <summary>Loads a certificate without a private key, e.g. a CA to trust.</summary>
    public static X509Certificate2 LoadCertificate(string certificatePath)
    {
        RequireFile(certificatePath, "certificate");
        return Load(() => X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)), $"the certificate {certificatePath}");
    }

    private static X509Certificate2 Load(Func<X509Certificate2> load, string what)
    {
        try
        {
            return load();
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            // A key of another certificate surfaces as ArgumentException; callers see one exception type.
            throw new CryptographicException($"Cannot load {what}: {exception.Message}", exception);
        }
    }

    private static void RequireFile(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} file {path} does not exist.", path);
        }
    }
}
