using System.CommandLine;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// <c>audit prove --store … --index N [--size S] [--keys jwks]</c>: the inclusion proof of record N against a signed
/// checkpoint (the latest, or the one of size S), checked here, with the record and the checkpoint note to hand on.
/// </summary>
internal static class AuditProveCommand
{
    public static Command Create(CliContext context)
    {
        var store = AuditSources.StoreOption();
        var index = new Option<long>("--index") { Required = true, Description = "The record to prove." };
        var size = new Option<long?>("--size") { Description = "Prove against the stored checkpoint of this tree size (default: the latest)." };
        var keys = AuditSources.KeysOption("to check the checkpoint's signature");
        var command = new Command("prove", "Print and check the inclusion proof of a record against a signed checkpoint.") { store, index, size, keys };
        command.SetAction((parse, cancellationToken) => AuditVerb.RunAsync(context, async () =>
        {
            await using var log = await AuditSources.OpenAsync(context, parse.GetValue(store)!, cancellationToken);
            return await ProveAsync(context, log, parse.GetValue(index), parse.GetValue(size), parse.GetValue(keys), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> ProveAsync(
        CliContext context, IAuditLogStore log, long index, long? size, string? keysPath, CancellationToken cancellationToken)
    {
        var checkpoint = (size is { } wanted ? await log.Checkpoints.GetAsync(wanted, cancellationToken) : await log.Checkpoints.GetLatestAsync(cancellationToken))
            ?? throw new AuditInputException(size is null ? "The log has no signed checkpoint yet." : $"No checkpoint of size {size} is stored.");
        if (index < 0 || index >= checkpoint.Head.Size)
        {
            throw new AuditInputException($"Record {index} is not covered by {checkpoint} (records 0 to {checkpoint.Head.Size - 1}); wait for a later checkpoint.");
        }

        var signature = keysPath is null
            ? "not checked (pass --keys)"
            : new CheckpointVerifier(checkpoint.Origin, AuditSources.LoadKeys(context, keysPath)).Check(checkpoint) is { } problem
                ? throw new AuditInputException($"The checkpoint does not verify: {problem}.")
                : "verified";
        var record = await log.ReadAsync(index, index + 1, cancellationToken).SingleAsync(cancellationToken);
        var proof = await log.GetInclusionProofAsync(index, checkpoint.Head.Size, cancellationToken);
        var verifies = proof.Verify(record.LeafHash, checkpoint.Head.Root);
        var output = context.Out;
        await output.WriteLineAsync($"record      {index}");
        await output.WriteLineAsync($"leaf hash   {record.LeafHash}");
        await output.WriteLineAsync($"checkpoint  {checkpoint.Origin} at {checkpoint.Head.Size} records, root {checkpoint.Head.Root}; signature {signature}");
        await output.WriteLineAsync($"proof       {proof.Hashes.Count} hashes, leaf to root:");
        foreach (var hash in proof.Hashes)
        {
            await output.WriteLineAsync($"  {hash}");
        }

        await output.WriteLineAsync($"record JSON {System.Text.Encoding.ASCII.GetString(record.LeafData)}");
        await output.WriteLineAsync("checkpoint note:");
        await output.WriteAsync(checkpoint.ToNote());
        if (!verifies)
        {
            await context.Error.WriteLineAsync($"FAILED: the proof does not lead from record {index} to the checkpoint's root; run audit verify.");
            return ExitCodes.Failure;
        }

        await output.WriteLineAsync($"OK: record {index} is in the tree the checkpoint signs.");
        return ExitCodes.Ok;
    }
}
