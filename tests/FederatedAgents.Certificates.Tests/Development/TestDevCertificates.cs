using FederatedAgents.Certificates.Development;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Development;

/// <summary><see cref="DevCertificates.EnsureAsync"/> as tests call it: bounded and cancelled with the test.</summary>
internal static class TestDevCertificates
{
    public static Task<DevCertificateSet> EnsureAsync(
        string folder, IEnumerable<string> organizations, TimeProvider? time = null, bool overwrite = false) =>
        DevCertificates.EnsureAsync(folder, organizations, overwrite, time, TestContext.Current.CancellationToken).Bounded();
}
