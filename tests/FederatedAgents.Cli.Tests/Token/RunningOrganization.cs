using System.Net.Http.Json;
using System.Text.Json;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Cli.Tests.Run;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Token;

/// <summary>An authority started with the CLI's own <c>run --config</c>, shared by the token verb tests.</summary>
public sealed class RunningOrganization : IAsyncLifetime
{
    private OrganizationFixture? _organization;
    private RunningCli? _run;
    private HttpClient? _http;

    internal OrganizationFixture Organization => _organization!;

    public string Issuer => Organization.Issuer;

    public string Folder => Organization.Folder;

    public string Ca => Organization.Certificates.Authority.CertificatePath;

    public async ValueTask InitializeAsync()
    {
        _organization = await OrganizationFixture.CreateAsync();
        _run = RunningCli.Start(Folder, "run", "--config", _organization.Write());
        var ca = CertificateFiles.LoadCertificate(Ca);
        _http = new HttpClient(AuthorityHttp.CreateHandler(trustedAuthority: ca)) { Timeout = TestTimeouts.Default };
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (!_run.Out.Contains("listening on", StringComparison.Ordinal))
        {
            Assert.False(_run.Exit.IsCompleted, $"run exited early:\n{_run.Out}\n{_run.Error}");
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>alice's token from the development login.</summary>
    public async Task<string> LoginAsync()
    {
        using var response = await _http!.PostAsync($"{Issuer}/dev/login", new FormUrlEncodedContent([new("username", "alice"), new("password", "alice")])).Bounded();
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    internal Task<CliRun> InvokeAsync(params string[] args) => CliRun.InvokeAsync(Folder, args);

    /// <summary>The orchestrator's options for a token verb: authority, client, key, CA.</summary>
    internal string[] AsOrchestrator() => ["--authority", Issuer, "--client-id", "orchestrator", "--key", "orchestrator.key", "--ca", Ca];

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_run is not null)
        {
            Assert.Equal(0, await _run.StopAsync());
            Assert.Contains("Stopping.", _run.Out, StringComparison.Ordinal);
            await _run.DisposeAsync();
        }

        _organization?.Dispose();
    }
}
