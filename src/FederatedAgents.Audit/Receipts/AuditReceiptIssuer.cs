using System.Text.Json;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Audit.Receipts;

/// <summary>
/// Issues audit receipts: the receiving gateway appends its call record, then signs a receipt for it with the
/// organization's audit key and returns it to the caller (in the response trailers). Receipts carry no expiry —
/// they are evidence. Thread-safe.
/// </summary>
public sealed class AuditReceiptIssuer
{
    private readonly SigningKey _key;
    private readonly TimeProvider _time;

    /// <param name="org">This organization's name as partners know it (<c>iss</c>; the records' <c>org</c>).</param>
    /// <param name="origin">This organization's log origin (the first line of its checkpoints).</param>
    public AuditReceiptIssuer(string org, string origin, SigningKey key, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(org);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        Org = org;
        Origin = origin;
        _key = key;
        _time = time;
    }

    public string Org { get; }

    public string Origin { get; }

    /// <summary>
    /// A receipt for <paramref name="record"/>, which was appended as <paramref name="appended"/>. Throws
    /// <see cref="ArgumentException"/> when the record is another organization's or the append result cannot be its.
    /// </summary>
    public AuditReceipt Issue(CallEvent record, AuditAppendResult appended)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(appended);
        if (record.Org != Org)
        {
            throw new ArgumentException($"The record is in the log of '{record.Org}'; this issuer signs receipts for '{Org}' only.", nameof(record));
        }

        if (appended.Index < 0 || appended.TreeHead.Size <= appended.Index)
        {
            throw new ArgumentException($"Record {appended.Index} cannot be in the tree of {appended.TreeHead.Size} records it was appended with.", nameof(appended));
        }

        var receipt = new AuditReceipt
        {
            Token = "",
            Issuer = Org,
            Audience = record.PartnerOrg,
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds()),
            LogOrigin = Origin,
            LeafIndex = appended.Index,
            LeafHash = MerkleHasher.HashLeaf(AuditEventSerializer.Serialize(record)),
            TreeHead = appended.TreeHead,
            Txn = record.Txn,
            Method = record.Method,
            Decision = record is CallDeniedEvent ? AuditReceiptClaims.Denied : AuditReceiptClaims.Allowed,
            GrpcStatus = record switch
            {
                CallDeniedEvent denied => denied.GrpcStatus,
                CallCompletedEvent completed => completed.GrpcStatus,
                _ => null,
            },
            RequestDigest = (record as CallCompletedEvent)?.RequestDigest,
            ResponseDigest = (record as CallCompletedEvent)?.ResponseDigest,
        };
        return receipt with { Token = CompactJws.Sign(_key, TokenTypes.AuditReceipt, writer => Write(writer, receipt)) };
    }

    private static void Write(Utf8JsonWriter writer, AuditReceipt receipt)
    {
        writer.WriteStartObject();
        writer.WriteString("iss", receipt.Issuer);
        if (receipt.Audience is not null)
        {
            writer.WriteString("aud", receipt.Audience);
        }

        writer.WriteNumber("iat", receipt.IssuedAt.ToUnixTimeSeconds());
        writer.WriteString(AuditReceiptClaims.LogOrigin, receipt.LogOrigin);
        writer.WriteNumber(AuditReceiptClaims.LeafIndex, receipt.LeafIndex);
        writer.WriteString(AuditReceiptClaims.LeafHash, receipt.LeafHash.ToString());
        writer.WriteNumber(AuditReceiptClaims.TreeSize, receipt.TreeHead.Size);
        writer.WriteString(AuditReceiptClaims.TreeRoot, receipt.TreeHead.Root.ToString());
        WriteIfSet(writer, AuditReceiptClaims.Txn, receipt.Txn);
        writer.WriteString(AuditReceiptClaims.Method, receipt.Method);
        writer.WriteString(AuditReceiptClaims.Decision, receipt.Decision);
        if (receipt.GrpcStatus is { } status)
        {
            writer.WriteNumber(AuditReceiptClaims.GrpcStatus, status);
        }

        WriteIfSet(writer, AuditReceiptClaims.RequestDigest, receipt.RequestDigest?.ToString());
        WriteIfSet(writer, AuditReceiptClaims.ResponseDigest, receipt.ResponseDigest?.ToString());
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
