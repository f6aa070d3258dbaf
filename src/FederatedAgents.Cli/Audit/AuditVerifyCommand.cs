using System.CommandLine;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Verification;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// <c>audit verify --store … [--keys jwks] [--checkpoint note…]</c>: recomputes the whole tree, checks every stored
/// checkpoint's signature and root (and so their consistency), and names the first bad index. Never repairs.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var store = AuditSources.StoreOption();
        var keys = AuditSources.KeysOption("to check the stored checkpoints' signatures");
        var checkpoints = new Option<string[]>("--checkpoint")
        {
            HelpName = "file",
            Description = "A signed checkpoint held outside the database (e.g. by a partner) that the log must match; repeatable; needs --keys.",
        };
        var origin = new Option<string>("--origin")
        {
            Description = "The log's origin (its checkpoints' first line and key name); default: the one its stored checkpoints name.",
        };
        var command = new Command("verify", "Recompute the log's tree and check every record, subtree hash, head and signed checkpoint; exit 1 naming the first bad index.")
        {
            store,
            keys,
            origin,
            checkpoints,
        };
        command.SetAction((parse, cancellationToken) => AuditVerb.RunAsync(context, () => RunAsync(
            context, parse.GetValue(store)!, parse.GetValue(keys), parse.GetValue(origin), parse.GetValue(checkpoints) ?? [], cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string storeSpec, string? keysPath, string? origin, string[] external, CancellationToken cancellationToken)
    {
        if (external.Length > 0 && keysPath is null)
        {
            throw new AuditInputException("--checkpoint needs --keys: a checkpoint counts only once its signature verifies.");
        }

        await using var store = await AuditSources.OpenAsync(context, storeSpec, cancellationToken);
        var externalCheckpoints = external.Select(file => ReadCheckpoint(context, file)).ToList();
        origin ??= await StoredOriginAsync(store, cancellationToken) ?? externalCheckpoints.FirstOrDefault().Checkpoint?.Origin;
        var verifier = keysPath is null || origin is null ? null : new CheckpointVerifier(origin, AuditSources.LoadKeys(context, keysPath));
        var options = new AuditVerificationOptions
        {
            Checkpoints = verifier,
            Anchors = verifier is null ? null : ExternalAnchors(verifier, externalCheckpoints),
        };
        var result = await VerifyProgress.RunAsync(context, progress => AuditLogVerifier.VerifyAsync(store, options with { Progress = progress }, cancellationToken));
        if (result.Damage is { } damage)
        {
            await context.Error.WriteLineAsync($"FAILED: first bad index {damage.FirstBadIndex} ({damage.Kind}): {damage.Message}");
            await context.Error.WriteLineAsync("Nothing was changed. Treat this as an incident and keep the database as it is for investigation.");
            return ExitCodes.Failure;
        }

        await context.Out.WriteLineAsync($"OK: {result.RecordsChecked} records verified; root {result.StoredHead.Root} at size {result.StoredHead.Size}.");
        if (verifier is null)
        {
            await context.Error.WriteLineAsync(keysPath is null
                ? "Warning: checkpoints were not checked; pass --keys with the organization's published audit keys to check them."
                : "Warning: the log holds no signed checkpoint, so it is only shown to be self-consistent.");
            return ExitCodes.Ok;
        }

        await context.Out.WriteLineAsync(
            $"{result.CheckpointsVerified} stored checkpoints of {verifier.Origin} verified (signature and root, hence consistent with each other)"
            + (externalCheckpoints.Count > 0 ? $"; {externalCheckpoints.Count} external checkpoints matched." : "."));
        return ExitCodes.Ok;
    }

    /// <summary>The origin named by the first stored checkpoint that parses (raw, so a damaged row cannot hide the rest).</summary>
    private static async Task<string?> StoredOriginAsync(IAuditLogStore store, CancellationToken cancellationToken)
    {
        await using var snapshot = await store.OpenSnapshotAsync(cancellationToken);
        await foreach (var note in snapshot.ReadCheckpointNotesAsync(0, long.MaxValue, cancellationToken))
        {
            try
            {
                return SignedCheckpoint.Parse(note.Note).Origin;
            }
            catch (FormatException)
            {
                // The verifier reports the damaged row; look further for the origin.
            }
        }

        return null;
    }

    private static (string Path, SignedCheckpoint Checkpoint) ReadCheckpoint(CliContext context, string file)
    {
        var path = Path.GetFullPath(file, context.WorkingDirectory);
        try
        {
            return (context.Display(path), SignedCheckpoint.Parse(File.ReadAllText(path)));
        }
        catch (FormatException e)
        {
            throw new AuditInputException($"{context.Display(path)} is not a signed checkpoint: {e.Message}");
        }
    }

    private static IAsyncEnumerable<TreeAnchor> ExternalAnchors(CheckpointVerifier verifier, List<(string Path, SignedCheckpoint Checkpoint)> checkpoints)
    {
        foreach (var (path, checkpoint) in checkpoints)
        {
            if (verifier.Check(checkpoint) is { } problem)
            {
                throw new AuditInputException($"{path}: {problem}.");
            }
        }

        return checkpoints.OrderBy(c => c.Checkpoint.Head.Size)
            .Select(c => new TreeAnchor(c.Checkpoint.Head, $"the checkpoint in {c.Path}")).ToAsyncEnumerable();
    }
}
