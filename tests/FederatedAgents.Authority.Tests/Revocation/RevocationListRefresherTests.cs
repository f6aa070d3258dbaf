using FederatedAgents.Authority.Revocation;
using FederatedAgents.Authority.Storage;
using FederatedAgents.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedAgents.Authority.Tests.Revocation;

public sealed class RevocationListRefresherTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresher_RevocationsBeforeAndAfterStart_ListHasThemAfterStartAndAfterOneTick()
    {
        using var folder = new TemporaryFolder();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var connectionString = $"Data Source={Path.Combine(folder.Path, "store.db")}";
        await using var replica = new SqlAuthorityStore(new SqliteConnections(connectionString), time);
        await using var services = new ServiceCollection()
            .AddSingleton<IAuthorityStore>(new SqlAuthorityStore(new SqliteConnections(connectionString), time))
            .BuildServiceProvider();
        var list = new RevocationList();
        using var refresher = new RevocationListRefresher(services, list, new RevocationListSettings(TimeSpan.FromSeconds(1)), time, NullLogger<RevocationListRefresher>.Instance);
        await replica.RevokeAsync("before", time.GetUtcNow().AddMinutes(5), Cancel).Bounded();

        await refresher.StartAsync(Cancel).Bounded();
        Assert.True(list.IsRevoked("before"));

        await replica.RevokeAsync("after", time.GetUtcNow().AddMinutes(5), Cancel).Bounded();
        Assert.False(list.IsRevoked("after"));
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (!list.IsRevoked("after"))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, deadline.Token);
        }

        await refresher.StopAsync(Cancel).Bounded();
    }
}
