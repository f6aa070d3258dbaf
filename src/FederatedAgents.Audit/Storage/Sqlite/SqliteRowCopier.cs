using System.Runtime.InteropServices;
using SQLitePCL;

namespace FederatedAgents.Audit.Storage.Sqlite;

/// <summary>
/// Steps a prepared statement and copies its (integer key, blob) rows straight out of e_sqlite3 — the library
/// SQLitePCLRaw itself calls — through function pointers. SQLitePCLRaw takes a SafeHandle reference and a full
/// GC transition on each of the four calls a row needs, which costs more than SQLite's own work on a 32-byte
/// subtree-hash row. The column reads are marked as not needing a GC transition: they only read the current row.
/// Null unless SQLitePCLRaw runs on e_sqlite3 and its exports are found; callers then use SQLitePCLRaw.
/// </summary>
internal sealed unsafe class SqliteRowCopier
{
    private readonly delegate* unmanaged<nint, int> _step;
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, int, long> _columnInt64;
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, int, byte*> _columnBlob;
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, int, int> _columnBytes;

    private SqliteRowCopier(nint step, nint columnInt64, nint columnBlob, nint columnBytes)
    {
        _step = (delegate* unmanaged<nint, int>)step;
        _columnInt64 = (delegate* unmanaged[SuppressGCTransition]<nint, int, long>)columnInt64;
        _columnBlob = (delegate* unmanaged[SuppressGCTransition]<nint, int, byte*>)columnBlob;
        _columnBytes = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)columnBytes;
    }

    public static SqliteRowCopier? Instance { get; } = Load();

    /// <summary>Adds every remaining row's column 0 (key) and column 1 (bytes) to <paramref name="rows"/>; returns the last step's result code.</summary>
    public int CopyRows(sqlite3_stmt statement, StoredRows rows, CancellationToken cancellationToken)
    {
        // The caller holds the statement (and so its handle) open until this returns.
        var handle = statement.DangerousGetHandle();
        int rc;
        while ((rc = _step(handle)) == raw.SQLITE_ROW)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = _columnInt64(handle, 0);
            var bytes = _columnBlob(handle, 1);
            rows.Add(key, new ReadOnlySpan<byte>(bytes, _columnBytes(handle, 1)));
        }

        return rc;
    }

    private static SqliteRowCopier? Load()
    {
        Batteries_V2.Init();
        if (raw.GetNativeLibraryName() != "e_sqlite3" || !NativeLibrary.TryLoad("e_sqlite3", typeof(SqliteRowCopier).Assembly, null, out var library))
        {
            return null;
        }

        return NativeLibrary.TryGetExport(library, "sqlite3_step", out var step)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_int64", out var columnInt64)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_blob", out var columnBlob)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_bytes", out var columnBytes)
                ? new SqliteRowCopier(step, columnInt64, columnBlob, columnBytes)
                : null;
    }
}
