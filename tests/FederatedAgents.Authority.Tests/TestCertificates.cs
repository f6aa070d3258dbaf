using FederatedAgents.Certificates.Development;

namespace FederatedAgents.Authority.Tests;

/// <summary>
/// Development certificates shared by every test in the run: a CA with bank and bureau server and client
/// certificates, and a second, untrusted CA that issued look-alikes. Created once in a temporary folder
/// that is deleted when the test process exits.
/// </summary>
internal static class TestCertificates
{
    private static readonly string s_root = Directory.CreateTempSubdirectory("fa-authority-certs-").FullName;
    private static readonly Lazy<Task<DevCertificateSet>> s_trusted = new(() => DevCertificates.EnsureAsync(Path.Combine(s_root, "trusted"), ["bank", "bureau"]));
    private static readonly Lazy<Task<DevCertificateSet>> s_untrusted = new(() => DevCertificates.EnsureAsync(Path.Combine(s_root, "untrusted"), ["bank"]));

    static TestCertificates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(s_root, recursive: true);

    /// <summary>The CA every test authority trusts, and the bank's and bureau's certificates under it.</summary>
    public static Task<DevCertificateSet> TrustedAsync() => s_trusted.Value;

    /// <summary>Another CA, with a bank client certificate whose subject equals the trusted one's.</summary>
    public static Task<DevCertificateSet> UntrustedAsync() => s_untrusted.Value;
}
