using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Authority.Configuration;

/// <summary><c>Authority:SigningKeys</c>: the key ring from PEM files, or development keys kept in the data directory.</summary>
internal static class SigningKeysLoader
{
    private const string Section = "Authority:SigningKeys";

    public static KeyRing? Load(SigningKeyOptions options, string? dataDirectory, ConfigurationFiles files, ConfigurationProblems problems)
    {
        var named = options.CurrentKeyFile ?? options.NextKeyFile ?? options.PreviousKeyFile;
        if (options.Development && named is not null)
        {
            problems.Add($"{Section}:Development", "is true while key files are named too; remove Development, or the key files.");
            return null;
        }

        if (options.Development)
        {
            return dataDirectory is null ? null : problems.Catch($"{Section}:Development", () => DevelopmentRing(dataDirectory));
        }

        if (named is null)
        {
            problems.Add($"{Section}:CurrentKeyFile", "is missing; name PEM private keys in CurrentKeyFile and NextKeyFile (e.g. `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`), or set Development: true for generated development keys.");
            return null;
        }

        var algorithm = options.Algorithm is null ? null : problems.Catch($"{Section}:Algorithm", () => JwsAlgorithm.Parse(options.Algorithm));
        var current = Key(files, problems, "CurrentKeyFile", options.CurrentKeyFile, algorithm, "key tokens are signed with");
        var next = Key(files, problems, "NextKeyFile", options.NextKeyFile, algorithm, "key that signs after the next rotation (published ahead of it)");
        var previous = options.PreviousKeyFile is null ? null : Key(files, problems, "PreviousKeyFile", options.PreviousKeyFile, algorithm, "key that signed before the last rotation");
        return current is null || next is null || (options.PreviousKeyFile is not null && previous is null)
            ? null
            : problems.Catch(Section, () => new KeyRing(current, next, previous));
    }

    private static SigningKey? Key(ConfigurationFiles files, ConfigurationProblems problems, string name, string? path, JwsAlgorithm? algorithm, string what)
    {
        var key = $"{Section}:{name}";
        var file = files.RequireFile(key, path, $"PEM private {what}");
        return file is null ? null : problems.Catch(key, () => SigningKey.FromPemFile(file, algorithm));
    }

    /// <summary>ES256 keys generated once and kept (owner-only) under the data directory, so tokens and partners' cached JWKS survive restarts.</summary>
    private static KeyRing DevelopmentRing(string dataDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "authority")).FullName;
        return new KeyRing(DevelopmentKey(Path.Combine(folder, "signing-current.pem")), DevelopmentKey(Path.Combine(folder, "signing-next.pem")));
    }

    private static SigningKey DevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return SigningKey.FromPemFile(path);
        }

        var key = SigningKey.Generate();
        File.WriteAllText(path, key.ExportPkcs8Pem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
