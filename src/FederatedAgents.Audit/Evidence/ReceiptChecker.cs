using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Evidence;

/// <summary>
/// Checks the partner receipts a bundle holds: each issuer's signature with that issuer's audit keys, that the
/// receipt is addressed to the holder and names the holder's call (txn, method), and — when the issuer's own
/// verified bundle is at hand — that the receipted leaf is in the issuer's log, proven against its checkpoint.
/// </summary>
public sealed class ReceiptChecker
{
    private readonly AuditReceiptVerifier _verifier;
    private readonly IReadOnlyDictionary<string, JsonWebKeySet> _keys;
    private readonly IReadOnlyDictionary<string, BundleVerification> _issuerLogs;

    /// <param name="issuerKeys">Audit keys by organization name.</param>
    /// <param name="issuerLogs">Verified bundles of the issuers, by organization name (may be empty).</param>
    public ReceiptChecker(
        IReadOnlyDictionary<string, JsonWebKeySet> issuerKeys, IReadOnlyDictionary<string, BundleVerification> issuerLogs, TimeProvider time)
    {
        _keys = issuerKeys;
        _issuerLogs = issuerLogs;
        _verifier = new AuditReceiptVerifier(issuerKeys, time);
    }

    public async Task<IReadOnlyList<ReceiptCheck>> CheckAsync(BundleVerification holder, CancellationToken cancellationToken = default)
    {
        var checks = new List<ReceiptCheck>();
        foreach (var stored in holder.Bundle.Receipts)
        {
            checks.Add(await CheckAsync(holder, stored, cancellationToken));
        }

        return checks;
    }

    private async Task<ReceiptCheck> CheckAsync(BundleVerification holder, BundleReceipt stored, CancellationToken cancellationToken)
    {
        ReceiptCheck Result(ReceiptStatus status, string message, AuditReceipt? receipt = null) =>
            new(holder.Org, stored.OwnIndex, stored.Issuer, status, message) { Receipt = receipt };

        if (!_keys.ContainsKey(stored.Issuer))
        {
            return Result(ReceiptStatus.Unchecked, $"no audit keys of '{stored.Issuer}' are at hand; pass them to check this receipt");
        }

        var verified = await _verifier.VerifyAsync(stored.Token, stored.Issuer, holder.Org, cancellationToken);
        if (!verified.IsValid)
        {
            return Result(ReceiptStatus.Invalid, verified.Problem);
        }

        var receipt = verified.Receipt;
        var own = holder.Records.FirstOrDefault(r => r.Index == stored.OwnIndex);
        var mismatch = own?.Event switch
        {
            null => $"{holder.Org}'s bundle holds no record {stored.OwnIndex} to hold the receipt",
            { } e when e.Txn != receipt.Txn => $"the receipt is for txn '{receipt.Txn}', {holder.Org}'s record {stored.OwnIndex} for '{e.Txn}'",
            CallEvent call when call.Method != receipt.Method => $"the receipt is for {receipt.Method}, {holder.Org}'s record {stored.OwnIndex} for {call.Method}",
            _ => null,
        };
        if (mismatch is not null)
        {
            return Result(ReceiptStatus.Invalid, mismatch, receipt);
        }

        return _issuerLogs.TryGetValue(stored.Issuer, out var issuerLog)
            ? Result(InIssuerLog(receipt, issuerLog, out var message), message, receipt)
            : Result(ReceiptStatus.SignatureVerified, $"signed by '{stored.Issuer}' for record {receipt.LeafIndex} of {receipt.LogOrigin}; its log is not at hand to prove the record", receipt);
    }

    private static ReceiptStatus InIssuerLog(AuditReceipt receipt, BundleVerification issuerLog, out string message)
    {
        var checkpoint = issuerLog.Checkpoint;
        var record = issuerLog.Bundle.Records.FirstOrDefault(r => r.Index == receipt.LeafIndex);
        string? problem;
        if (checkpoint is null)
        {
            problem = $"{issuerLog.Org}'s checkpoint does not verify, so its log cannot confirm record {receipt.LeafIndex}";
        }
        else if (checkpoint.Head.Size <= receipt.LeafIndex)
        {
            message = $"signed by '{receipt.Issuer}'; its checkpoint ({checkpoint.Head.Size} records) does not cover record {receipt.LeafIndex} yet";
            return ReceiptStatus.SignatureVerified;
        }
        else if (record is null)
        {
            problem = $"{issuerLog.Org}'s bundle has no record {receipt.LeafIndex} for this call: its log does not show what it receipted";
        }
        else if (!issuerLog.Records.Any(r => r.Index == receipt.LeafIndex && r.Proven))
        {
            problem = $"record {receipt.LeafIndex} in {issuerLog.Org}'s bundle is not proven against its checkpoint";
        }
        else
        {
            problem = receipt.CheckInclusion(checkpoint, record.InclusionProofFor(checkpoint.Head.Size));
        }

        message = problem ?? $"record {receipt.LeafIndex} of {receipt.LogOrigin}, proven against {issuerLog.Org}'s checkpoint at {checkpoint!.Head.Size} records";
        return problem is null ? ReceiptStatus.Verified : ReceiptStatus.Invalid;
    }
}
