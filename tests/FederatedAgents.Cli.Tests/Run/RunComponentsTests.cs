using System.Text.Json;
using System.Text.Json.Nodes;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Cli.Demo;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Run;

/// <summary>
/// <c>run --config</c> hosts exactly the sections its file has, as the Kubernetes Deployments rely on (one file per
/// component): bank.json cut down to its authority, or to its gateway, listens on that component's addresses only.
/// </summary>
public sealed class RunComponentsTests
{
    [Theory]
    [InlineData("Authority", "Authority {7443} listening on {7443}.")]
    [InlineData("Gateway", "Gateway listening on {7444}, {7445}.")]
    [InlineData("Agents", "Sample agents listening on {7446}.")]
    public async Task Run_FileWithOneComponent_HostsOnlyThatComponent(string component, string expected)
    {
        using var repository = new TemporaryFolder();
        await DevCertificates.EnsureAsync(repository.Combine(DevCertificates.FolderName), ["bank", "bureau"], cancellationToken: TestContext.Current.CancellationToken).Bounded();
        var ports = new[] { 7443, 7444, 7445, 7446 }.ToDictionary(p => p, _ => DemoPorts.Free());
        var text = File.ReadAllText(RepoPaths.Combine("deploy", "local", "bank.json"));
        foreach (var (port, free) in ports)
        {
            text = text.Replace($"127.0.0.1:{port}", $"127.0.0.1:{free}", StringComparison.Ordinal);
            expected = expected.Replace($"{{{port}}}", (port == 7445 || port == 7446 ? "http" : "https") + $"://127.0.0.1:{free}", StringComparison.Ordinal);
        }

        var file = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        foreach (var other in new[] { "Authority", "Gateway", "Agents" }.Where(c => c != component))
        {
            file.Remove(other);
        }

        if (component == "Gateway")
        {
            // Without the authority in the process, the gateway takes its keys from the authority's JWKS; it needs them per call, not to start.
            file["Gateway"]!["Security"]!["Authority"] = new JsonObject { ["Issuer"] = $"https://127.0.0.1:{ports[7443]}", ["JwksUri"] = $"https://127.0.0.1:{ports[7443]}/jwks" };
            Directory.CreateDirectory(repository.Combine(".fa-work", "bureau"));
            File.WriteAllText(repository.Combine(".fa-work", "bureau", "audit-keys.jwks"), "{\"keys\":[]}");
        }

        var local = Directory.CreateDirectory(repository.Combine("deploy", "local")).FullName;
        File.WriteAllText(Path.Combine(local, "bank.json"), file.ToJsonString());
        await using var run = RunningCli.Start(repository.Path, "run", "--config", Path.Combine(local, "bank.json"));

        await run.WaitForOutputAsync("listening on");

        Assert.Contains(expected + " Press Ctrl+C to stop.", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await run.StopAsync());
    }
}
