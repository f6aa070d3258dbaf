using FederatedAgents.Authority.Storage;
using FederatedAgents.Testing;

namespace FederatedAgents.Authority.Tests.Storage;

/// <summary>
/// What every <see cref="IAuthorityStore"/> must do, run against each real engine. Several store
/// instances on one database stand for replicas.
/// </summary>
public abstract class AuthorityStoreContract
{
    private protected FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DateTimeOffset InAMinute => Time.GetUtcNow().AddMinutes(1);

    [Fact]
    public async Task TryUseOnce_SameIdTwice_OnlyTheFirstSucceeds()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);

        Assert.True(await store.TryUseOnceAsync("assertion orchestrator j1", InAMinute, Cancel).Bounded());
        Assert.False(await store.TryUseOnceAsync("assertion orchestrator j1", InAMinute, Cancel).Bounded());
        Assert.True(await store.TryUseOnceAsync("assertion orchestrator j2", InAMinute, Cancel).Bounded());
    }

    [Fact]
    public async Task TryUseOnce_AfterTheIdExpired_SucceedsAgain()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);
        await store.TryUseOnceAsync("grant x", InAMinute, Cancel).Bounded();

        Time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await store.TryUseOnceAsync("grant x", InAMinute, Cancel).Bounded());
    }

    [Fact]
    public async Task TryUseOnce_TwoReplicasRacingForTheSameIds_ExactlyOneWinsEach()
    {
        await using var database = await OpenAsync();
        var first = database.NewStore(Time);
        var second = database.NewStore(Time);
        await Task.WhenAll(first.InitializeAsync(Cancel), second.InitializeAsync(Cancel)).Bounded();
        var ids = Enumerable.Range(0, 40).Select(i => $"grant race-{i}").ToList();

        var outcomes = await Task.WhenAll(ids.Select(async id =>
        {
            var attempts = await Task.WhenAll(
                Task.Run(async () => await first.TryUseOnceAsync(id, InAMinute, Cancel), Cancel),
                Task.Run(async () => await second.TryUseOnceAsync(id, InAMinute, Cancel), Cancel));
            return attempts.Count(won => won);
        })).Bounded();

        Assert.All(outcomes, winners => Assert.Equal(1, winners));
    }

    [Fact]
    public async Task Revoke_TokenWithDescendants_RevokesEveryDescendantAndNothingElse()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);
        await RecordAsync(store, "b", "a");
        await RecordAsync(store, "c", "b", "actor-1");
        await RecordAsync(store, "d", "a");
        await RecordAsync(store, "y", "x");

        var revoked = await store.RevokeAsync("a", InAMinute, Cancel).Bounded();

        Assert.Equal("a", revoked[0].Id);
        Assert.Equal(["a", "b", "c", "d"], revoked.Select(r => r.Id).Order());
        Assert.True(await store.IsRevokedAsync("c", Cancel).Bounded());
        Assert.False(await store.IsRevokedAsync("y", Cancel).Bounded());
        Assert.False(await store.IsRevokedAsync("actor-1", Cancel).Bounded());
    }

    [Fact]
    public async Task Revoke_ExpiredDescendant_IsLeftOut()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);
        Assert.False(await store.RecordLineageAsync("short", Time.GetUtcNow().AddSeconds(10), ["a"], Cancel).Bounded());
        await RecordAsync(store, "long", "a");
        Time.Advance(TimeSpan.FromSeconds(20));

        var revoked = await store.RevokeAsync("a", InAMinute, Cancel).Bounded();

        Assert.Equal(["a", "long"], revoked.Select(r => r.Id));
    }

    [Fact]
    public async Task RecordLineage_GrandparentRevokedOnAnotherReplica_TrueAndTheChildIsRevoked()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);
        await RecordAsync(store, "parent", "grandparent");
        await database.NewStore(Time).RevokeAsync("grandparent", InAMinute, Cancel).Bounded();

        Assert.True(await store.RecordLineageAsync("child", InAMinute, ["parent", "actor"], Cancel).Bounded());
        Assert.True(await store.IsRevokedAsync("child", Cancel).Bounded());
    }

    [Fact]
    public async Task RecordLineage_ManyConcurrentExchangesSomeFromARevokedParent_OnlyThoseChildrenAreRevoked()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);
        await store.RevokeAsync("revoked-parent", InAMinute, Cancel).Bounded();
        var children = Enumerable.Range(0, 60).Select(i => (Child: $"child-{i}", FromRevoked: i % 7 == 0)).ToList();

        var outcomes = await Task.WhenAll(children.Select(c => Task.Run(
            async () => await store.RecordLineageAsync(c.Child, InAMinute, c.FromRevoked ? ["revoked-parent"] : ["live-parent"], Cancel),
            Cancel))).Bounded();

        Assert.Equal(children.Select(c => c.FromRevoked), outcomes);
        foreach (var (child, fromRevoked) in children)
        {
            Assert.Equal(fromRevoked, await store.IsRevokedAsync(child, Cancel).Bounded());
        }

        var descendants = await store.RevokeAsync("live-parent", InAMinute, Cancel).Bounded();
        Assert.Equal(children.Where(c => !c.FromRevoked).Select(c => c.Child).Order(), descendants.Skip(1).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task ReadRevocations_AfterACursor_NewerOnesInSequenceOrderAndAskedForGaps()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);
        foreach (var id in new[] { "r1", "r2", "r3", "r4" })
        {
            await store.RevokeAsync(id, InAMinute, Cancel).Bounded();
        }

        var all = await store.ReadRevocationsAsync(0, [], 100, Cancel).Bounded();
        var newer = await store.ReadRevocationsAsync(all[1].Sequence, [all[0].Sequence], 100, Cancel).Bounded();
        var page = await store.ReadRevocationsAsync(0, [], 2, Cancel).Bounded();

        Assert.Equal(["r1", "r2", "r3", "r4"], all.Select(r => r.Id));
        Assert.Equal(["r1", "r3", "r4"], newer.Select(r => r.Id));
        Assert.Equal(["r1", "r2"], page.Select(r => r.Id));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
    }

    [Fact]
    public async Task PurgeExpired_RemovesOnlyWhatExpired()
    {
        await using var database = await OpenAsync();
        var store = database.NewStore(Time);
        await store.TryUseOnceAsync("old", Time.GetUtcNow().AddSeconds(5), Cancel).Bounded();
        await store.RevokeAsync("old-token", Time.GetUtcNow().AddSeconds(5), Cancel).Bounded();
        await store.RevokeAsync("live-token", Time.GetUtcNow().AddHours(1), Cancel).Bounded();
        Time.Advance(TimeSpan.FromSeconds(10));

        var purged = await store.PurgeExpiredAsync(Cancel).Bounded();

        Assert.Equal(2, purged);
        Assert.False(await store.IsRevokedAsync("old-token", Cancel).Bounded());
        Assert.True(await store.IsRevokedAsync("live-token", Cancel).Bounded());
    }

    private protected abstract Task<IStoreDatabase> OpenAsync();

    private async Task RecordAsync(SqlAuthorityStore store, string child, params string[] parents) =>
        Assert.False(await store.RecordLineageAsync(child, InAMinute, parents, Cancel).Bounded());

    /// <summary>One database; each store instance on it stands for a replica.</summary>
    private protected interface IStoreDatabase : IAsyncDisposable
    {
        SqlAuthorityStore NewStore(TimeProvider time);
    }
}
