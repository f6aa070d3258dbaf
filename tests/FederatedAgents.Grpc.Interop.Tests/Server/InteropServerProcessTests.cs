using System.Reflection;
using FederatedAgents.Testing;

namespace FederatedAgents.Grpc.Interop.Tests.Server;

/// <summary>The documented entry point: <c>dotnet run --project tests/FederatedAgents.Grpc.InteropServer -- --port p --use_tls true</c>.</summary>
public class InteropServerProcessTests
{
    private static readonly string s_configuration =
        typeof(InteropServerProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary><c>dotnet run</c> of the server as built with this test assembly (no second build while tests run).</summary>
    private static IEnumerable<string> DotnetRun(params string[] serverArguments) =>
        ["run", "--no-build", "-c", s_configuration, "--project", RepoPaths.Combine("tests", "FederatedAgents.Grpc.InteropServer"), "--", .. serverArguments];

    [Fact]
    public async Task DotnetRun_UseTlsWithoutCertificates_CreatesThemAndServesEveryCase()
    {
        InteropPeers.Require();
        using var certificates = new TemporaryFolder();
        await using var server = ChildProcess.Start("dotnet", DotnetRun("--port", "0", "--use_tls", "true", "--certs_dir", certificates.Path));

        var ready = await server.WaitForLineAsync(line => line.StartsWith(InteropPeers.ReadyPrefix, StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var address = new Uri(ready[InteropPeers.ReadyPrefix.Length..]);
        var result = await GrpcJsInteropClient.RunAsync(address.Port, Transport.Tls, certificates.Combine("ca.crt"), "all");

        Assert.Equal("https", address.Scheme);
        foreach (var testCase in InteropPeers.Cases)
        {
            GrpcJsInteropClient.AssertPassed(result, testCase);
        }
    }

    [Fact]
    public async Task DotnetRun_PortNotANumber_ExitsWithUsageError()
    {
        var result = await ChildProcess.RunAsync("dotnet", DotnetRun("--port", "fifty"), timeout: TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--port", result.StandardError);
        Assert.DoesNotContain(InteropPeers.ReadyPrefix, result.StandardOutput);
    }
}
