using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FederatedAgents.Audit.Storage.Sqlite;

/// <summary>
/// Makes the commits a <c>synchronous=NORMAL</c> WAL connection wrote durable: one <c>fdatasync</c> of the
/// <c>-wal</c> file (fsync where there is none) covers every frame written to it before the call, whichever
/// connection wrote them. The WAL file lives as long as a connection to the database is open, so the handle
/// stays valid while the store's writer is open.
/// </summary>
internal sealed partial class WalFlusher : IDisposable
{
    private readonly SafeFileHandle _wal;

    public WalFlusher(string databasePath) =>
        _wal = File.OpenHandle(databasePath + "-wal", FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    public void Flush()
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(_wal);
        }
        else if (FlushData(_wal) != 0)
        {
            throw new IOException($"fdatasync of the audit log's WAL failed (errno {Marshal.GetLastPInvokeError()}); the last commits may not be on disk.");
        }
    }

    public void Dispose() => _wal.Dispose();

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FlushData(SafeFileHandle fd);
}
