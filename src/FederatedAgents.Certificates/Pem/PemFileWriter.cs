using System.Security.Cryptography;
using System.Text;

namespace FederatedAgents.Certificates.Pem;

/// <summary>
/// Writes PEM text through a temporary file and a rename, so readers never see half a file;
/// private keys are created readable by the owner only (0600).
/// </summary>
internal static class PemFileWriter
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static async Task WriteAsync(string path, string pem, bool isPrivateKey, CancellationToken cancellationToken)
    {
        // The temporary name keeps the extension, so a leftover key still matches the *.key ignore rule.
        var temporary = $"{path}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}.tmp{Path.GetExtension(path)}";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = isPrivateKey ? OwnerOnly : Readable;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(pem), cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
