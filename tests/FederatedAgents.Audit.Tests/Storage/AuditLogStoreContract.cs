using System.Diagnostics.Metrics;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Events;
using FederatedAgents.Audit.Tests.Merkle;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Storage;

/// <summary>What every store must do, run against a real database of each kind.</summary>
public abstract class AuditLogStoreContract : IAsyncLifetime
{
    private StoreDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected StoreDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async ValueTask InitializeAsync() => _database = await CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task AppendAsync_OneByOne_ReturnsConsecutiveIndexesAndTheRootOfTheRecords()
    {
        await using var store = await Database.OpenAsync();
        var events = Calls(10);

        var results = new List<AuditAppendResult>();
        foreach (var auditEvent in events)
        {
            results.Add(await store.AppendAsync(auditEvent, Ct).Bounded());
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), results.Select(r => r.Index));
        var expected = TestTree.FromLeafData(events.Select(AuditEventSerializer.Serialize));
        Assert.Equal(new TreeHead(10, expected.ReferenceRoot(10)), await store.GetTreeHeadAsync(Ct).Bounded());
        Assert.Equal(expected.ReferenceRoot(7), results[6].TreeHead.Root);
    }

    [Fact]
    public async Task AppendBatchAsync_Events_LandContiguouslyInOrderWithTheirExactBytes()
    {
        await using var store = await Database.OpenAsync();
        await store.AppendAsync(Calls(1)[0], Ct).Bounded();
        var batch = SampleEvents.OneOfEachKind().ToList();

        var results = await store.AppendBatchAsync(batch, Ct).Bounded();

        Assert.Equal(Enumerable.Range(1, batch.Count).Select(i => (long)i), results.Select(r => r.Index));
        var stored = await store.ReadAsync(1, 1 + batch.Count, Ct).ToListAsync(Ct).AsTask().Bounded();
        Assert.Equal(batch.Select(AuditEventSerializer.Serialize), stored.Select(r => r.LeafData));
        Assert.Equal(batch.Select(e => e.Kind), stored.Select(r => r.ToEvent().Kind));
    }

    [Fact]
    public async Task GetInclusionProofAsync_EveryRecordAtSeveralSizes_VerifiesAgainstThoseRoots()
    {
        await using var store = await Database.OpenAsync();
        var events = Calls(37);
        var tree = TestTree.FromLeafData(events.Select(AuditEventSerializer.Serialize));
        foreach (var chunk in events.Chunk(10))
        {
            await store.AppendBatchAsync(chunk, Ct).Bounded();
        }

        foreach (var size in new[] { 1, 16, 21, 37 })
        {
            var root = tree.ReferenceRoot(size);
            for (var index = 0; index < size; index++)
            {
                var proof = await store.GetInclusionProofAsync(index, size, Ct).Bounded();
                Assert.True(proof.Verify(tree.Leaves[index], root), $"record {index} in tree {size}");
            }
        }
    }

    [Fact]
    public async Task GetConsistencyProofAsync_BetweenEarlierHeads_Verifies()
    {
        await using var store = await Database.OpenAsync();
        var heads = new List<TreeHead> { TreeHead.Empty };
        foreach (var chunk in Calls(30).Chunk(7))
        {
            heads.Add((await store.AppendBatchAsync(chunk, Ct).Bounded())[^1].TreeHead);
        }

        foreach (var older in heads)
        {
            foreach (var newer in heads.Where(h => h.Size >= older.Size))
            {
                var proof = await store.GetConsistencyProofAsync(older.Size, newer.Size, Ct).Bounded();
                Assert.True(proof.Verify(older.Root, newer.Root), $"{older.Size} -> {newer.Size}");
            }
        }
    }

    [Fact]
    public async Task GetInclusionProofAsync_TreeLargerThanLog_ThrowsNamingTheLogSize()
    {
        await using var store = await Database.OpenAsync();
        await store.AppendBatchAsync(Calls(5), Ct).Bounded();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetInclusionProofAsync(2, 9, Ct).Bounded());

        Assert.Contains("has 5 records", error.Message);
    }

    [Fact]
    public async Task QueryAsync_EachFilter_FindsExactlyTheMatchingRecordsInOrder()
    {
        await using var store = await Database.OpenAsync();
        var events = Calls(20).Concat(SampleEvents.OneOfEachKind()).ToList();
        await store.AppendBatchAsync(events, Ct).Bounded();

        await AssertQueryAsync(store, events, new AuditQuery { Txn = "txn-3" }, e => e.Txn == "txn-3");
        await AssertQueryAsync(store, events, new AuditQuery { Subject = SampleEvents.Alice }, e => e.Subject == SampleEvents.Alice);
        await AssertQueryAsync(store, events, new AuditQuery { PartnerOrg = "insurer" }, e => e.PartnerOrg == "insurer");
        await AssertQueryAsync(store, events, new AuditQuery { Method = "/m/1" }, e => e is CallEvent { Method: "/m/1" });
        await AssertQueryAsync(store, events, new AuditQuery { Outcome = AuditOutcome.Denied }, e => e.Outcome == AuditOutcome.Denied);
        var from = SampleEvents.At.AddSeconds(5);
        var to = SampleEvents.At.AddSeconds(9);
        await AssertQueryAsync(store, events, new AuditQuery { From = from, To = to }, e => e.OccurredAt >= from && e.OccurredAt < to);
        await AssertQueryAsync(
            store, events, new AuditQuery { Subject = SampleEvents.Alice, PartnerOrg = "partner-1", AfterIndex = 3, Limit = 2 },
            e => e.Subject == SampleEvents.Alice && e.PartnerOrg == "partner-1", skipThrough: 3, limit: 2);
    }

    [Fact]
    public async Task OpenAsync_ExistingLog_ContinuesTheSameTree()
    {
        var events = Calls(12);
        await using (var first = await Database.OpenAsync())
        {
            await first.AppendBatchAsync(events[..5], Ct).Bounded();
        }

        await using var second = await Database.OpenAsync();
        await second.AppendBatchAsync(events[5..], Ct).Bounded();

        Assert.Equal(
            TestTree.FromLeafData(events.Select(AuditEventSerializer.Serialize)).ReferenceRoot(12),
            (await second.GetTreeHeadAsync(Ct).Bounded()).Root);
    }

    [Fact]
    public async Task AppendAsync_FourInstancesWithManyConcurrentAppenders_LoseNothingDuplicateNothingKeepTheTreeValid()
    {
        const int Instances = 4, AppendersPerInstance = 8, EventsPerAppender = 15;
        var stores = new List<IAuditLogStore>();
        for (var i = 0; i < Instances; i++)
        {
            stores.Add(await Database.OpenAsync(new AuditStoreOptions { MaxBatchSize = 16 }));
        }

        var appenders = stores.SelectMany((store, s) => Enumerable.Range(0, AppendersPerInstance).Select(a => Task.Run(async () =>
        {
            var indexes = new List<long>();
            for (var e = 0; e < EventsPerAppender; e++)
            {
                var single = SampleEvents.Call($"s{s}-a{a}-e{e}", e, $"partner-{a}", "/m/concurrent");
                indexes.Add((await store.AppendAsync(single, Ct)).Index);
            }

            return indexes;
        })));
        var indexes = (await Task.WhenAll(appenders).Bounded(TimeSpan.FromMinutes(2))).SelectMany(i => i).ToList();
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await using var reader = await Database.OpenAsync();
        var records = await reader.ReadAsync(0, long.MaxValue, Ct).ToListAsync(Ct).AsTask().Bounded();
        const int Total = Instances * AppendersPerInstance * EventsPerAppender;
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), indexes.Order());
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), records.Select(r => r.Index));
        Assert.Equal(Total, records.Select(r => r.ToEvent().EventId).Distinct().Count());
        var tree = TestTree.FromLeafData(records.Select(r => r.LeafData));
        Assert.Equal(new TreeHead(Total, tree.ReferenceRoot(Total)), await reader.GetTreeHeadAsync(Ct).Bounded());
        Assert.True((await reader.GetInclusionProofAsync(Total / 3, Total, Ct).Bounded()).Verify(records[Total / 3].LeafHash, tree.ReferenceRoot(Total)));
    }

    [Fact]
    public async Task AppendBatchAsync_WithAMeterListener_PublishesTheCommitItWasPartOf()
    {
        // The instruments are process-wide and other tests append meanwhile, so look for this batch's commit:
        // one append of 43 records is never split across commits.
        const int BatchSize = 43;
        var measured = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AuditStoreMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => measured.Add((instrument.Name, value)));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.Add((instrument.Name, value)));
        listener.Start();
        await using var store = await Database.OpenAsync();

        await store.AppendBatchAsync(Calls(BatchSize), Ct).Bounded();

        Assert.Contains(measured, m => m.Instrument == AuditStoreMetrics.CommitRecords && m.Value >= BatchSize);
        Assert.Contains(measured, m => m.Instrument == AuditStoreMetrics.CommitDuration && m.Value > 0);
        Assert.Contains(measured, m => m.Instrument == AuditStoreMetrics.CommitLockWait && m.Value >= 0);
        Assert.Contains(measured, m => m.Instrument == AuditStoreMetrics.AppendDuration && m.Value > 0);
    }

    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    private static List<AuditEvent> Calls(int count) =>
        [.. Enumerable.Range(0, count).Select(i => SampleEvents.Call($"evt-{i}", i, $"partner-{i % 3}", $"/m/{i % 4}"))];

    private static async Task AssertQueryAsync(
        IAuditLogStore store, List<AuditEvent> events, AuditQuery query, Func<AuditEvent, bool> matches, int skipThrough = -1, int limit = 100)
    {
        var expected = events.Select((e, i) => (Event: e, Index: (long)i))
            .Where(x => x.Index > skipThrough && matches(x.Event)).Take(limit).Select(x => x.Index).ToList();
        Assert.NotEmpty(expected);

        var found = await store.QueryAsync(query, Ct).ToListAsync(Ct).AsTask().Bounded();

        Assert.Equal(expected, found.Select(r => r.Index));
    }
}

public sealed class SqliteAuditLogStoreTests : AuditLogStoreContract
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteDatabase());
}

public sealed class PostgresAuditLogStoreTests : AuditLogStoreContract
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync();
}
