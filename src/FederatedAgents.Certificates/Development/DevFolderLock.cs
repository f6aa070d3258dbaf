namespace FederatedAgents.Certificates.Development;

/// <summary>
/// Serializes runs on one folder across processes (a gateway and an authority starting together),
/// so two of them never create two different CAs. Uses an exclusive lock on <c>&lt;folder&gt;/.lock</c>.
/// </summary>
internal sealed class DevFolderLock : IDisposable
{
    private const int Attempts = 1200;
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private DevFolderLock(FileStream stream) => _stream = stream;

    public static async Task<DevFolderLock> AcquireAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ".lock");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new DevFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (attempt < Attempts)
            {
                await Task.Delay(s_retryDelay, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new IOException(
                    $"Another process has held {path} for a minute; if none is creating certificates, delete that file.", exception);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
