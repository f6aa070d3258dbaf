using System.Text;
using System.Text.Json;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Evidence;

/// <summary>Builds an <see cref="EvidenceBundle"/> from a store: matching records proven against the latest signed checkpoint.</summary>
public static class EvidenceBundleExporter
{
    private const int PageSize = 1000;

    /// <summary>
    /// Exports the records matching <paramref name="query"/> (all pages of it) that the latest checkpoint covers,
    /// with their receipts. The checkpoint must verify with <paramref name="keys"/> (the organization's published
    /// audit keys, which are embedded). Throws <see cref="InvalidOperationException"/> when there is no checkpoint
    /// or it does not verify. <see cref="EvidenceExport.NotCovered"/> counts matches newer than the checkpoint. The
    /// bundle's organization is the one the records name (a bundle without records names the log's origin instead).
    /// </summary>
    public static async Task<EvidenceExport> ExportAsync(
        IAuditLogStore store, JsonWebKeySet keys, AuditQuery query, string queryText, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var checkpoint = await store.Checkpoints.GetLatestAsync(cancellationToken)
            ?? throw new InvalidOperationException("The log has no signed checkpoint yet, so nothing can be proven; let the checkpointer sign one first.");
        if (new CheckpointVerifier(checkpoint.Origin, keys).Check(checkpoint) is { } problem)
        {
            throw new InvalidOperationException($"Refusing to export: {problem}. Check that the keys are this organization's audit keys.");
        }

        var size = checkpoint.Head.Size;
        var records = new List<BundleRecord>();
        var receipts = new List<BundleReceipt>();
        string? org = null;
        var notCovered = 0;
        for (var page = query with { Limit = PageSize }; ;)
        {
            var found = await store.QueryAsync(page, cancellationToken).ToListAsync(cancellationToken);
            foreach (var record in found)
            {
                if (record.Index >= size)
                {
                    notCovered++;
                    continue;
                }

                org ??= record.ToEvent().Org;
                var proof = await store.GetInclusionProofAsync(record.Index, size, cancellationToken);
                records.Add(new BundleRecord(record.Index, Encoding.ASCII.GetString(record.LeafData), [.. proof.Hashes.Select(h => h.ToString())]));
                await foreach (var receipt in store.Receipts.ForRecordAsync(record.Index, cancellationToken))
                {
                    receipts.Add(new BundleReceipt(receipt.OwnIndex, receipt.Issuer, receipt.Token));
                }
            }

            if (found.Count < PageSize)
            {
                break;
            }

            page = page with { AfterIndex = found[^1].Index };
        }

        using var keysJson = JsonDocument.Parse(keys.ToJson());
        var bundle = new EvidenceBundle
        {
            Org = org ?? checkpoint.Origin,
            Origin = checkpoint.Origin,
            ExportedAt = time.GetUtcNow(),
            Query = queryText,
            Keys = keysJson.RootElement.Clone(),
            Checkpoint = checkpoint.ToNote(),
            Records = records,
            Receipts = receipts,
        };
        return new EvidenceExport(bundle, notCovered);
    }
}

/// <summary>An exported bundle and how many matching records it left out because no checkpoint covers them yet.</summary>
public sealed record EvidenceExport(EvidenceBundle Bundle, int NotCovered);
