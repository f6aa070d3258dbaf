using System.Text.Json;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Audit.Receipts;

/// <summary>Reads the receipt claims of a validated <c>audit-receipt+jwt</c>, each type-checked.</summary>
internal static class AuditReceiptReader
{
    public static AuditReceipt? Read(string token, ValidatedToken validated, out string? problem)
    {
        problem = null;
        var claims = validated.Claims;
        var status = Number(claims, AuditReceiptClaims.GrpcStatus, ref problem, optional: true);
        problem ??= status is null or <= 16 ? null : $"'{AuditReceiptClaims.GrpcStatus}' {status} is not a gRPC status (0 to 16)";
        var receipt = new AuditReceipt
        {
            Token = token,
            Issuer = validated.Issuer,
            Audience = validated.Audiences.Count == 1 ? validated.Audiences[0] : null,
            IssuedAt = validated.IssuedAt!.Value,
            LogOrigin = Text(claims, AuditReceiptClaims.LogOrigin, ref problem) ?? "",
            LeafIndex = Number(claims, AuditReceiptClaims.LeafIndex, ref problem) ?? -1,
            LeafHash = Hash(claims, AuditReceiptClaims.LeafHash, ref problem) ?? default,
            TreeHead = new TreeHead(
                Number(claims, AuditReceiptClaims.TreeSize, ref problem) ?? 0,
                Hash(claims, AuditReceiptClaims.TreeRoot, ref problem) ?? MerkleHasher.EmptyRoot),
            Txn = Text(claims, AuditReceiptClaims.Txn, ref problem, optional: true),
            Method = Text(claims, AuditReceiptClaims.Method, ref problem) ?? "",
            Decision = Text(claims, AuditReceiptClaims.Decision, ref problem) ?? "",
            GrpcStatus = status is { } code and <= 16 ? (int)code : null,
            RequestDigest = Hash(claims, AuditReceiptClaims.RequestDigest, ref problem, optional: true),
            ResponseDigest = Hash(claims, AuditReceiptClaims.ResponseDigest, ref problem, optional: true),
        };

        problem ??= validated.Audiences.Count > 1 ? "'aud' names more than one organization" : null;
        problem ??= receipt.TreeHead.Size <= receipt.LeafIndex
            ? $"record {receipt.LeafIndex} cannot be in the tree of {receipt.TreeHead.Size} records the receipt names"
            : null;
        problem ??= receipt.Decision is AuditReceiptClaims.Allowed or AuditReceiptClaims.Denied
            ? null
            : $"'{AuditReceiptClaims.Decision}' is '{receipt.Decision}', not '{AuditReceiptClaims.Allowed}' or '{AuditReceiptClaims.Denied}'";
        return problem is null ? receipt : null;
    }

    private static string? Text(JsonElement claims, string name, ref string? problem, bool optional = false)
    {
        if (!claims.TryGetProperty(name, out var value))
        {
            problem ??= optional ? null : $"claim '{name}' is missing";
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        problem ??= $"claim '{name}' must be a non-empty string";
        return null;
    }

    private static long? Number(JsonElement claims, string name, ref string? problem, bool optional = false)
    {
        if (!claims.TryGetProperty(name, out var value))
        {
            problem ??= optional ? null : $"claim '{name}' is missing";
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
        {
            return number;
        }

        problem ??= $"claim '{name}' must be a non-negative integer";
        return null;
    }

    private static Sha256Hash? Hash(JsonElement claims, string name, ref string? problem, bool optional = false)
    {
        var text = Text(claims, name, ref problem, optional);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 2 * Sha256Hash.Length && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return Sha256Hash.Parse(text);
        }

        problem ??= $"claim '{name}' must be a SHA-256 hash in 64 lowercase hex digits";
        return null;
    }
}
