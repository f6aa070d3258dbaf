using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using FederatedAgents.Audit.Merkle;
using Npgsql;

namespace FederatedAgents.Audit.Storage.Postgres;

/// <summary>
/// The shared store for several gateway replicas. A commit locks the single head row
/// (<c>SELECT … FOR UPDATE</c>), so replicas take turns assigning indexes; records, subtree hashes
/// and the new head are written in that same transaction, committed with <c>synchronous_commit = on</c>.
/// Snapshots come from a pool of their own whose connections read in large chunks.
/// </summary>
internal sealed class PostgresAuditBackend(NpgsqlDataSource dataSource, NpgsqlDataSource snapshotSource) : DbAuditBackend
{
    /// <summary>
    /// A snapshot streams the whole log; with Npgsql's default 8 KiB read buffer, receiving it took a socket read (and
    /// often a thread-pool wake-up) per 8 KiB, which cost verification about a third of its throughput.
    /// </summary>
    private const int SnapshotReadBufferSize = 128 * 1024;

    public static async Task<PostgresAuditBackend> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var snapshots = new NpgsqlConnectionStringBuilder(connectionString);
        snapshots.ReadBufferSize = Math.Max(snapshots.ReadBufferSize, SnapshotReadBufferSize);
        var snapshotSource = NpgsqlDataSource.Create(snapshots);
        try
        {
            await PostgresSchema.EnsureAsync(dataSource, cancellationToken);
            return new PostgresAuditBackend(dataSource, snapshotSource);
        }
        catch
        {
            await dataSource.DisposeAsync();
            await snapshotSource.DisposeAsync();
            throw;
        }
    }

    public override async Task<TreeHead> CommitAsync(IReadOnlyList<byte[]> leafData, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var waiting = Stopwatch.GetTimestamp();
            var stored = await connection.Command($"SET LOCAL synchronous_commit = on; {AuditSql.SelectHead} FOR UPDATE", transaction)
                .ReadHeadAsync(cancellationToken);
            AuditStoreMetrics.LockWait.Record(Stopwatch.GetElapsedTime(waiting).TotalMilliseconds);
            var plan = await Appender.PlanAsync(
                stored, positions => ReadNodesAtAsync(connection, transaction, positions, cancellationToken), leafData);
            var head = plan.Head;
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new("INSERT INTO audit_records (idx, record) SELECT * FROM unnest(@idx, @record::json[])")
                    {
                        Parameters =
                        {
                            new("idx", Enumerable.Range(0, plan.Records.Count).Select(i => plan.FirstIndex + i).ToArray()),
                            new("record", plan.Records.Select(Encoding.UTF8.GetString).ToArray()),
                        },
                    },
                    new("INSERT INTO audit_nodes (pos, hash) SELECT * FROM unnest(@pos, @hash)")
                    {
                        Parameters = { new("pos", plan.NodePositions.ToArray()), new("hash", plan.NodeHashes.ToArray()) },
                    },
                    new(AuditSql.UpdateHead) { Parameters = { new("size", head.Size), new("root", head.Root.ToArray()) } },
                },
            };
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Appender.Committed(plan);
            return head;
        }
        catch
        {
            Appender.Forget();
            throw;
        }
    }

    public override async Task<IAuditLogSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) =>
        await PostgresSnapshot.OpenAsync(snapshotSource, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await snapshotSource.DisposeAsync();
    }

    /// <summary>The expression the queries and the expression indexes both use.</summary>
    public static string Member(string name) => $"(record->>'{name}')";

    protected override string JsonMember(string name) => Member(name);

    protected internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);
}
