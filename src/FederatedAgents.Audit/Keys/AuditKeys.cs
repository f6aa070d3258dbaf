using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Keys;

/// <summary>
/// The organization's audit key, which signs its checkpoints and receipts: an ES256 (P-256) private key from a
/// PEM file in deployments, or for development one generated once into the organization's data folder
/// (owner-only, 0600) with its public JWK Set beside it for partners and auditors.
/// </summary>
public static class AuditKeys
{
    public const string DevelopmentKeyFileName = "audit-signing-key.pem";

    /// <summary>The public JWK Set written beside a development key: what partners and <c>audit verify --keys</c> use.</summary>
    public const string PublicKeysFileName = "audit-keys.jwks";

    /// <summary>Loads the audit key from a PEM file; throws <see cref="FormatException"/> unless it is a P-256 private key.</summary>
    public static SigningKey FromPemFile(string path)
    {
        try
        {
            return SigningKey.FromPemFile(path, JwsAlgorithm.ES256);
        }
        catch (FormatException e)
        {
            throw new FormatException(
                $"{e.Message} Checkpoints and receipts are signed with a P-256 (ES256) audit key; "
                + "generate one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`.", e);
        }
    }

    /// <summary>
    /// The development audit key in <paramref name="dataDirectory"/>, created (0600) on first use together with
    /// <see cref="PublicKeysFileName"/>. Refuses a key file others may read: fix it with <c>chmod 600</c>.
    /// </summary>
    public static SigningKey LoadOrCreateDevelopmentKey(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, DevelopmentKeyFileName);
        var created = TryCreate(path);
        var key = created ?? Load(path);
        var publicKeys = Path.Combine(dataDirectory, PublicKeysFileName);
        if (created is not null || !File.Exists(publicKeys))
        {
            File.WriteAllText(publicKeys, new JsonWebKeySet([key.PublicKey]).ToJson());
        }

        return key;
    }

    /// <summary>Writes a new key to a temporary file and renames it into place, so no reader sees half a key; null when another process won.</summary>
    private static SigningKey? TryCreate(string path)
    {
        if (File.Exists(path))
        {
            return null;
        }

        var key = SigningKey.Generate(JwsAlgorithm.ES256);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var writer = new StreamWriter(new FileStream(temporary, options)))
            {
                writer.Write(key.ExportPkcs8Pem());
            }

            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            key.Dispose();
            return null;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static SigningKey Load(string path)
    {
        const UnixFileMode othersMayAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & othersMayAccess) != 0)
        {
            throw new UnauthorizedAccessException(
                $"The development audit key '{path}' is readable by other users; restrict it with `chmod 600 {path}`.");
        }

        return FromPemFile(path);
    }
}
