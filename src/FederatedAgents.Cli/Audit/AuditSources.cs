using System.CommandLine;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// The one place the audit verbs learn where a log is (<c>--store sqlite:&lt;path&gt;</c> or
/// <c>--store postgres:&lt;connection string&gt;</c>) and whose keys to trust (<c>--keys</c>, <c>--trust</c>).
/// </summary>
internal static class AuditSources
{
    private const string Sqlite = "sqlite:";
    private const string Postgres = "postgres:";

    public static Option<string> StoreOption()
    {
        var option = new Option<string>("--store")
        {
            Required = true,
            HelpName = "sqlite:<path>|postgres:<connection string>",
            Description = "The audit log: a SQLite file or a PostgreSQL database (Npgsql connection string).",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? "";
            if (!value.StartsWith(Sqlite, StringComparison.Ordinal) && !value.StartsWith(Postgres, StringComparison.Ordinal))
            {
                result.AddError($"--store '{value}' names no store kind; write sqlite:<path> or postgres:<connection string>.");
            }
        });
        return option;
    }

    public static Option<string> KeysOption(string purpose) => new("--keys")
    {
        HelpName = "jwks file",
        Description = $"The organization's published audit keys (a JWK Set file), {purpose}.",
    };

    /// <summary>Opens the store; a SQLite file must already exist (a verb never creates an empty log by mistake).</summary>
    public static async Task<IAuditLogStore> OpenAsync(CliContext context, string store, CancellationToken cancellationToken)
    {
        if (store.StartsWith(Postgres, StringComparison.Ordinal))
        {
            return await AuditLogStores.OpenPostgresAsync(store[Postgres.Length..], cancellationToken: cancellationToken);
        }

        var path = Path.GetFullPath(store[Sqlite.Length..], context.WorkingDirectory);
        return File.Exists(path)
            ? await AuditLogStores.OpenSqliteAsync(path, cancellationToken: cancellationToken)
            : throw new AuditInputException($"There is no audit log at {context.Display(path)}; check the path after 'sqlite:'.");
    }

    public static JsonWebKeySet LoadKeys(CliContext context, string path)
    {
        var fullPath = Path.GetFullPath(path, context.WorkingDirectory);
        if (!File.Exists(fullPath))
        {
            throw new AuditInputException($"Key file {context.Display(fullPath)} does not exist; pass the organization's published audit JWK Set.");
        }

        try
        {
            var keys = JsonWebKeySet.Parse(File.ReadAllText(fullPath));
            return keys.Keys.Count > 0
                ? keys
                : throw new AuditInputException($"Key file {context.Display(fullPath)} holds no usable key ({string.Join("; ", keys.Ignored)}).");
        }
        catch (FormatException e)
        {
            throw new AuditInputException($"Key file {context.Display(fullPath)} is not a JWK Set: {e.Message}");
        }
    }

    /// <summary>
    /// <c>--trust</c> values: <c>org=jwks-file</c>, or a bare file for <paramref name="bareFileOrg"/> (when a verb has
    /// one organization to trust, e.g. the bundle's exporter). Returns keys by organization.
    /// </summary>
    public static Dictionary<string, JsonWebKeySet> LoadTrust(CliContext context, IEnumerable<string> values, string? bareFileOrg)
    {
        var trusted = new Dictionary<string, JsonWebKeySet>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var org = equals > 0 ? value[..equals] : bareFileOrg
                ?? throw new AuditInputException($"--trust '{value}' names no organization; write --trust <org>=<jwks file>.");
            if (!trusted.TryAdd(org, LoadKeys(context, equals > 0 ? value[(equals + 1)..] : value)))
            {
                throw new AuditInputException($"--trust names '{org}' twice; give each organization one key file.");
            }
        }

        return trusted;
    }
}

/// <summary>An input a verb cannot use (missing file, unreadable keys); its message says what to fix.</summary>
internal sealed class AuditInputException(string message) : Exception(message);
