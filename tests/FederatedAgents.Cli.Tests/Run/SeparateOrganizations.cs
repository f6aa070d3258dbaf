using FederatedAgents.Certificates.Development;
using FederatedAgents.Cli.Demo;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Run;

/// <summary>
/// bank and bureau from deploy/local, each a <c>run --config</c> child process of the built CLI: the files are copied into
/// a temporary repository layout (beside fresh development certificates) with every port rewritten to a free one.
/// bureau starts first (its gateway writes the audit keys bank verifies receipts with). Disposing kills both.
/// </summary>
internal sealed class SeparateOrganizations : IAsyncDisposable
{
    private static readonly int[] s_ports = [7443, 7444, 7445, 7446, 7543, 7544, 7545, 7546];

    private readonly TemporaryFolder _folder = new();
    private readonly Dictionary<int, int> _ports = s_ports.ToDictionary(p => p, _ => DemoPorts.Free());

    public string Folder => _folder.Path;

    public ChildProcess Bureau { get; private set; } = null!;

    public ChildProcess? Bank { get; private set; }

    public string Certificates => _folder.Combine(DevCertificates.FolderName);

    /// <summary>The rewritten address of a port of deploy/local (e.g. 7443, bank's authority).</summary>
    public string Url(string scheme, int port) => $"{scheme}://127.0.0.1:{_ports[port]}";

    /// <summary>An organization's data directory (deploy/local: .fa-work/&lt;name&gt;).</summary>
    public string Data(string organization) => _folder.Combine(".fa-work", organization);

    public static async Task<SeparateOrganizations> StartAsync()
    {
        var organizations = new SeparateOrganizations();
        try
        {
            await DevCertificates.EnsureAsync(organizations.Certificates, ["bank", "bureau"], cancellationToken: TestContext.Current.CancellationToken).Bounded();
            organizations.Bureau = await organizations.RunAsync("bureau");
            organizations.Bank = await organizations.RunAsync("bank");
            return organizations;
        }
        catch
        {
            await organizations.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops bank (killed, as a crash would), so its stores' files can be read whole.</summary>
    public async Task StopBankAsync()
    {
        if (Bank is { } bank)
        {
            Bank = null;
            await bank.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopBankAsync();
        if (Bureau is { } bureau)
        {
            await bureau.DisposeAsync();
        }

        _folder.Dispose();
    }

    private async Task<ChildProcess> RunAsync(string organization)
    {
        var local = Directory.CreateDirectory(_folder.Combine("deploy", "local")).FullName;
        var text = await File.ReadAllTextAsync(RepoPaths.Combine("deploy", "local", organization + ".json"));
        foreach (var (port, free) in _ports)
        {
            text = text.Replace($"127.0.0.1:{port}", $"127.0.0.1:{free}", StringComparison.Ordinal);
        }

        var file = Path.Combine(local, organization + ".json");
        await File.WriteAllTextAsync(file, text);
        var process = ChildProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "FederatedAgents.Cli.dll"), "run", "--config", file], _folder.Path);
        try
        {
            await process.WaitForLineAsync(line => line.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal)).Bounded();
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
