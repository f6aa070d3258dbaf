using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Evidence;

/// <summary>
/// Checks an <see cref="EvidenceBundle"/> offline: the checkpoint's signature with the exporter's audit keys
/// (trusted ones given by the caller, else — with a warning — the bundle's own), then each record's leaf bytes
/// and inclusion proof against that checkpoint. Partner receipts are checked by <see cref="ReceiptChecker"/>.
/// </summary>
public static class EvidenceBundleVerifier
{
    public static BundleVerification Verify(EvidenceBundle bundle, JsonWebKeySet? trustedKeys)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var problems = new List<string>();
        var warnings = new List<string>();
        var keys = trustedKeys ?? EmbeddedKeys(bundle, problems, warnings);
        var checkpoint = keys is null ? null : VerifiedCheckpoint(bundle, keys, problems);
        var records = bundle.Records.Select(record => Check(record, bundle.Org, checkpoint, problems)).ToList();
        if (records.Select(r => r.Index).Distinct().Count() != records.Count)
        {
            problems.Add("The bundle lists a record index twice.");
        }

        return new BundleVerification
        {
            Bundle = bundle,
            Checkpoint = checkpoint,
            UsedEmbeddedKeys = trustedKeys is null,
            Records = records,
            Problems = problems,
            Warnings = warnings,
        };
    }

    private static JsonWebKeySet? EmbeddedKeys(EvidenceBundle bundle, List<string> problems, List<string> warnings)
    {
        try
        {
            var keys = bundle.EmbeddedKeys();
            warnings.Add(
                $"No trusted keys for '{bundle.Org}' were given, so the bundle's own embedded keys were used: this shows the bundle is "
                + "self-consistent, not that it comes from that organization. Pass the keys it publishes to prove that.");
            return keys;
        }
        catch (FormatException e)
        {
            problems.Add($"The bundle's embedded keys are not a JWK Set: {e.Message}");
            return null;
        }
    }

    private static SignedCheckpoint? VerifiedCheckpoint(EvidenceBundle bundle, JsonWebKeySet keys, List<string> problems)
    {
        try
        {
            var checkpoint = bundle.ParseCheckpoint();
            var problem = checkpoint.Origin != bundle.Origin
                ? $"the checkpoint is of log '{checkpoint.Origin}', but the bundle says '{bundle.Origin}'"
                : new CheckpointVerifier(bundle.Origin, keys).Check(checkpoint);
            if (problem is null)
            {
                return checkpoint;
            }

            problems.Add($"The checkpoint does not verify: {problem}.");
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            problems.Add($"The checkpoint cannot be read or checked: {e.Message}");
        }

        return null;
    }

    private static BundleEntry Check(BundleRecord record, string org, SignedCheckpoint? checkpoint, List<string> problems)
    {
        AuditEvent? auditEvent = null;
        string? problem;
        try
        {
            problem = record.Leaf.All(char.IsAscii) ? null : "its leaf text is not ASCII, so it is not a canonical record";
            auditEvent = AuditEventSerializer.Deserialize(record.LeafData());
            problem ??= auditEvent.Org == org ? null : $"it is a record of '{auditEvent.Org}', not '{org}'";
            problem ??= checkpoint is null ? null : CheckProof(record, checkpoint);
        }
        catch (FormatException e)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            problems.Add($"Record {record.Index}: {problem}.");
        }

        return new BundleEntry(record.Index, auditEvent, problem is null && checkpoint is not null);
    }

    private static string? CheckProof(BundleRecord record, SignedCheckpoint checkpoint)
    {
        if (record.Index < 0 || record.Index >= checkpoint.Head.Size)
        {
            return $"the checkpoint covers records 0 to {checkpoint.Head.Size - 1}";
        }

        return record.InclusionProofFor(checkpoint.Head.Size).Verify(MerkleHasher.HashLeaf(record.LeafData()), checkpoint.Head.Root)
            ? null
            : $"its inclusion proof does not lead to the checkpoint's root: the record or its proof was altered";
    }
}
