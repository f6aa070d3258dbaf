using FederatedAgents.Audit.Merkle;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FederatedAgents.Audit.Storage.Sqlite;

/// <summary>
/// A snapshot read through the SQLite C API on its own read-only connection inside one read
/// transaction. Verification reads every row of the log; skipping ADO.NET's per-row work and the text
/// decoding of records roughly halves the cost of that reading. The connection is opened without SQLite's
/// own mutex: snapshot reads run one at a time (see <see cref="IAuditLogSnapshot"/>), so locking it on
/// every call (four per row) bought nothing.
/// </summary>
internal sealed class SqliteSnapshot : IAuditLogSnapshot
{
    private readonly sqlite3 _db;

    private SqliteSnapshot(sqlite3 db, TreeHead head)
    {
        _db = db;
        Head = head;
    }

    public TreeHead Head { get; }

    public static SqliteSnapshot Open(string path)
    {
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            Check(rc, db);
            Check(raw.sqlite3_busy_timeout(db, 30_000), db);
            Check(raw.sqlite3_exec(db, "BEGIN"), db);
            var rows = Query(db, AuditSql.SelectHead, [], s => AuditSql.ToHead(raw.sqlite3_column_int64(s, 0), raw.sqlite3_column_blob(s, 1)));
            return new SqliteSnapshot(db, rows.SingleOrDefault() ?? AuditSql.ToHead(null, []));
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public Task ReadRecordsAsync(long start, long end, StoredRows rows, CancellationToken cancellationToken = default) =>
        CopyRows(AuditSql.SelectRecordRange, start, end, rows, cancellationToken);

    public Task ReadNodesAsync(long startPosition, long endPosition, StoredRows rows, CancellationToken cancellationToken = default) =>
        CopyRows(AuditSql.SelectNodeRange, startPosition, endPosition, rows, cancellationToken);

    /// <summary>Reading the rows in process costs less than a digest would save: none is offered.</summary>
    public Task<StoredNodesDigest?> DigestNodesAsync(long startPosition, long endPosition, CancellationToken cancellationToken = default) =>
        Task.FromResult<StoredNodesDigest?>(null);

    public Task<long?> FindIndexOutsideAsync(long treeSize, CancellationToken cancellationToken = default) =>
        Task.FromResult(Query(_db, AuditSql.SelectIndexOutside, [("@size", treeSize)],
            s => raw.sqlite3_column_type(s, 0) == raw.SQLITE_NULL ? null : (long?)raw.sqlite3_column_int64(s, 0), cancellationToken).Single());

    public IAsyncEnumerable<StoredCheckpointNote> ReadCheckpointNotesAsync(long afterSize, long throughSize, CancellationToken cancellationToken = default) =>
        Query(_db, EvidenceSql.SelectCheckpointNotes, [("@after", afterSize), ("@through", throughSize)],
            s => new StoredCheckpointNote(raw.sqlite3_column_int64(s, 0), raw.sqlite3_column_text(s, 1).utf8_to_string()), cancellationToken)
            .ToAsyncEnumerable();

    public ValueTask DisposeAsync()
    {
        _ = raw.sqlite3_exec(_db, "ROLLBACK");
        _db.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Copies each (key, bytes) row of a range query into <paramref name="rows"/>, straight from SQLite's buffers.</summary>
    private Task CopyRows(string sql, long start, long end, StoredRows rows, CancellationToken cancellationToken)
    {
        rows.Clear();
        (string, long)[] range = [("@start", start), ("@end", end)];
        if (SqliteRowCopier.Instance is { } copier)
        {
            Execute(_db, sql, range, statement => copier.CopyRows(statement, rows, cancellationToken));
        }
        else
        {
            Run(_db, sql, range, s => rows.Add(raw.sqlite3_column_int64(s, 0), raw.sqlite3_column_blob(s, 1)), cancellationToken);
        }

        return Task.CompletedTask;
    }

    private static List<T> Query<T>(
        sqlite3 db, string sql, (string Name, long Value)[] parameters, Func<sqlite3_stmt, T> row, CancellationToken cancellationToken = default)
    {
        var rows = new List<T>();
        Run(db, sql, parameters, s => rows.Add(row(s)), cancellationToken);
        return rows;
    }

    private static void Run(sqlite3 db, string sql, (string Name, long Value)[] parameters, Action<sqlite3_stmt> row, CancellationToken cancellationToken) =>
        Execute(db, sql, parameters, statement =>
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                cancellationToken.ThrowIfCancellationRequested();
                row(statement);
            }

            return rc;
        });

    /// <summary>Prepares and binds <paramref name="sql"/>, lets <paramref name="steps"/> step it to the end, and throws on an error result.</summary>
    private static void Execute(sqlite3 db, string sql, (string Name, long Value)[] parameters, Func<sqlite3_stmt, int> steps)
    {
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            foreach (var (name, value) in parameters)
            {
                Check(raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, name), value), db);
            }

            var rc = steps(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc, db);
            }
        }
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
