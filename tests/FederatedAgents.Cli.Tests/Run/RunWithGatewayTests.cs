using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Run;

/// <summary>
/// <c>run --config</c> with a <c>Gateway</c> section: the authority and the gateway in one process. A token from the
/// authority opens the gateway (the agent being down, the call ends UNAVAILABLE after authentication and policy);
/// the gateway's listener serves nothing of the authority; token issuance and both calls land in one audit log.
/// </summary>
public sealed class RunWithGatewayTests
{
    private static readonly Method<CheckLoanRequest, CheckLoanResponse> s_checkLoan =
        Method.FromDescriptor<CheckLoanRequest, CheckLoanResponse>(LoanDeskReflection.Descriptor.Services[0].FindMethodByName("CheckLoan"));

    [Fact]
    public async Task Run_WithGatewaySection_AuthorityAndGatewayShareOneProcessAndOneAuditLog()
    {
        using var organization = await OrganizationFixture.CreateAsync();
        var gateway = new Uri($"http://127.0.0.1:{FreePort()}");
        organization.Configuration["Gateway"] = new JsonObject
        {
            ["Listeners"] = new JsonObject { ["Local"] = new JsonObject { ["Url"] = gateway.ToString() } },
            ["Agents"] = new JsonArray(new JsonObject
            {
                ["Name"] = "loans",
                ["Endpoints"] = new JsonArray($"http://127.0.0.1:{FreePort()}"),
                ["Services"] = new JsonArray("federatedagents.agents.loan.v1.LoanDesk"),
                ["Methods"] = new JsonArray(new JsonObject { ["Name"] = "federatedagents.agents.loan.v1.LoanDesk/CheckLoan", ["RequiredScopes"] = new JsonArray("loans.read") }),
            }),
            ["Security"] = new JsonObject { ["Audience"] = "https://gateway.bank.test" },
        };
        await using (var run = RunningCli.Start(organization.Folder, "run", "--config", organization.Write()))
        {
            using var deadline = new CancellationTokenSource(TestTimeouts.Default);
            while (!run.Out.Contains("listening on", StringComparison.Ordinal))
            {
                Assert.False(run.Exit.IsCompleted, $"run exited early:\n{run.Out}\n{run.Error}");
                await Task.Delay(50, deadline.Token);
            }

            Assert.Contains($"Authority {organization.Issuer} and gateway listening on", run.Out, StringComparison.Ordinal);
            var get = await CliRun.InvokeAsync(organization.Folder,
                ["token", "get", "--authority", organization.Issuer, "--client-id", "orchestrator", "--key", "orchestrator.key", "--ca", organization.Certificates.Authority.CertificatePath, "--scope", "loans.read"]);
            Assert.True(get.ExitCode == 0, get.Error);
            using var channel = GrpcChannel.ForAddress(gateway);

            var withToken = await Assert.ThrowsAsync<RpcException>(() => CheckLoanAsync(channel, get.Out.Trim()));
            var withoutToken = await Assert.ThrowsAsync<RpcException>(() => CheckLoanAsync(channel, token: null));
            using var http = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var jwks = await http.GetAsync(new Uri(gateway, "/jwks"), TestContext.Current.CancellationToken).Bounded();

            Assert.Equal((StatusCode.Unavailable, StatusCode.Unauthenticated), (withToken.StatusCode, withoutToken.StatusCode));
            Assert.NotEqual(HttpStatusCode.OK, jwks.StatusCode);
            Assert.Equal(0, await run.StopAsync());
        }

        await using var log = await AuditLogStores.OpenSqliteAsync(Path.Combine(organization.Folder, "data", "audit.db"), cancellationToken: TestContext.Current.CancellationToken).Bounded();
        var kinds = new List<string>();
        await foreach (var record in log.ReadAsync(0, (await log.GetTreeHeadAsync(TestContext.Current.CancellationToken)).Size, TestContext.Current.CancellationToken))
        {
            kinds.Add(record.ToEvent().Kind);
        }

        Assert.Equal([AuditEventKinds.TokenIssued, AuditEventKinds.CallCompleted, AuditEventKinds.CallDenied], kinds);
    }

    private static Task<CheckLoanResponse> CheckLoanAsync(GrpcChannel channel, string? token) =>
        channel.CreateCallInvoker().AsyncUnaryCall(
            s_checkLoan,
            new CallOptions(token is null ? null : new Metadata().Add("authorization", $"Bearer {token}")),
            new CheckLoanRequest()).ResponseAsync.Bounded();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
