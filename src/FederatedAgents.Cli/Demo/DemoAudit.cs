using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Demo;

/// <summary>
/// What the two organizations recorded, read from their audit logs once both stopped: each log verified against its
/// signed checkpoints; bank's record of the loan check's call to bureau with bureau's receipt stored beside it, verified
/// again and joined to bureau's record it names (with the fields bureau's egress filter removed); every refusal.
/// </summary>
internal sealed class DemoAudit(DemoNetwork network, DemoReport report, TimeProvider time, CancellationToken cancellationToken)
{
    private const string ReceiptExpectation = "bureau's signed receipt was verified at bank, stored beside bank's own record, and names bureau's record of the call";

    public async Task RunAsync()
    {
        report.Step("What each organization's audit log holds (read after both stopped)");
        await using var bank = await DemoAuditLog.OpenAsync(network.Bank, cancellationToken);
        await using var bureau = await DemoAuditLog.OpenAsync(network.Bureau, cancellationToken);
        var verified = new List<string>();
        foreach (var log in new[] { bank, bureau })
        {
            var seen = await log.VerifyAsync(cancellationToken);
            report.Fact($"{log.Org.Name}'s audit", seen.Text);
            if (seen.Verified)
            {
                verified.Add(log.Org.Name);
            }
        }

        report.Expect("both audit logs verify: every record, and a signed checkpoint covering all of them", verified.Count == 2, $"verified: [{string.Join(", ", verified)}]");
        await ReceiptAsync(bank, bureau);
        await RefusalsAsync(bank, bureau);
    }

    /// <summary>Bank's record of its gateway's call to bureau's credit agent, bureau's receipt beside it, and bureau's record the receipt names.</summary>
    private async Task ReceiptAsync(DemoAuditLog bank, DemoAuditLog bureau)
    {
        var outbound = await bank.RecordsAsync(cancellationToken).FirstOrDefaultAsync(
            r => r.Event is CallCompletedEvent { GrpcStatus: 0, PartnerOrg: null } call && call.Method == "/" + DemoSetup.CreditAssessment + "/Assess", cancellationToken);
        var stored = outbound is null ? null : await bank.Store.Receipts.ForRecordAsync(outbound.Index, cancellationToken).FirstOrDefaultAsync(cancellationToken);
        if (outbound is null || stored is null)
        {
            report.Expect(ReceiptExpectation, false, outbound is null ? "bank recorded no completed call to bureau's credit agent" : $"bank's record #{outbound.Index} has no receipt beside it");
            return;
        }

        report.Fact("bank's record", $"#{outbound.Index} {outbound.Event.Kind} {((CallEvent)outbound.Event).Method}  {report.Readable(Chain(outbound.Event))}  txn {outbound.Event.Txn}");
        var keys = new Dictionary<string, JsonWebKeySet> { [bureau.Org.Name] = bureau.PublicKeys };
        var verified = await new AuditReceiptVerifier(keys, time).VerifyAsync(stored.Token, bureau.Org.Name, bank.Org.Name, cancellationToken);
        if (verified.Receipt is not { } receipt)
        {
            report.Expect(ReceiptExpectation, false, verified.Problem!);
            return;
        }

        report.Fact("bureau's receipt beside it", $"issued by {receipt.Issuer} to {receipt.Audience}, leaf #{receipt.LeafIndex} of {receipt.LogOrigin} (tree size {receipt.TreeHead.Size}), txn {receipt.Txn}, {receipt.Decision}, status {receipt.GrpcStatus}; signature verified with bureau's audit keys");
        var named = await bureau.Store.ReadAsync(receipt.LeafIndex, receipt.LeafIndex + 1, cancellationToken).FirstOrDefaultAsync(cancellationToken);
        var joined = named is not null && named.LeafHash == receipt.LeafHash && receipt.Txn == outbound.Event.Txn;
        // The receipt's leaf, read from bureau's log: the same bytes bureau hashed when it signed.
        if (named?.ToEvent() is CallCompletedEvent { } theirs)
        {
            report.Fact("bureau's record it names", $"#{named.Index} {theirs.Kind} {theirs.Method} from partner {theirs.PartnerOrg}  {report.Readable(Chain(theirs))}");
            report.Fact("removed by bureau's egress filter", theirs.RemovedFields.Count == 0 ? "nothing" : string.Join(", ", theirs.RemovedFields));
            report.Expect("bureau's record of bank's call names the classified fields its egress filter removed", theirs.RemovedFields.Count > 0, "no removed field paths");
        }

        report.Expect(ReceiptExpectation, joined, $"the receipt's leaf #{receipt.LeafIndex} is {(named is null ? "not in bureau's log" : "another record or another txn")}");
    }

    /// <summary>Every refusal in both logs; each of the demo's three must be in the log of the organization that refused it.</summary>
    private async Task RefusalsAsync(DemoAuditLog bank, DemoAuditLog bureau)
    {
        var (scope, grant, certificate) = (false, false, false);
        foreach (var log in new[] { bank, bureau })
        {
            await foreach (var record in log.RecordsAsync(cancellationToken))
            {
                var refusal = record.Event switch
                {
                    CallDeniedEvent call => $"{call.Method} status {call.GrpcStatus}",
                    TokenDeniedEvent token => $"token request ({token.GrantType}) {token.Error}",
                    _ => null,
                };
                if (refusal is null)
                {
                    continue;
                }

                report.Fact($"refusal in {log.Org.Name}'s log", $"#{record.Index} {refusal}  {report.Readable(Chain(record.Event))}: {report.Readable(record.Event.Reason ?? "")}");
                scope |= log == bank && record.Event is CallDeniedEvent { GrpcStatus: 7 };
                grant |= log == bureau && record.Event is TokenDeniedEvent { Error: "invalid_grant" };
                certificate |= log == bureau && record.Event is CallDeniedEvent { GrpcStatus: 16 };
            }
        }

        report.Expect("each refusal is in the refusing organization's audit log (bank: missing scope; bureau: replayed grant, wrong certificate)",
            scope && grant && certificate, $"missing scope at bank: {scope}, replayed grant at bureau: {grant}, wrong certificate at bureau: {certificate}");
    }

    private static string Chain(AuditEvent record) =>
        record.Subject is null ? "(no caller)" : string.Join(" → ", new[] { record.Subject }.Concat(record.Actors).Select(n => n.ToString()));
}
