namespace FederatedAgents.Audit.Receipts;

/// <summary>The claim names of an audit receipt (<c>audit-receipt+jwt</c>) beyond <c>iss</c>, <c>aud</c> and <c>iat</c>.</summary>
public static class AuditReceiptClaims
{
    public const string LogOrigin = "log_origin";
    public const string LeafIndex = "leaf_index";
    public const string LeafHash = "leaf_hash";
    public const string TreeSize = "tree_size";
    public const string TreeRoot = "tree_root";
    public const string Txn = "txn";
    public const string Method = "method";
    public const string Decision = "decision";
    public const string GrpcStatus = "grpc_status";
    public const string RequestDigest = "request_digest";
    public const string ResponseDigest = "response_digest";

    /// <summary>The <c>decision</c> value of a call the receiving gateway let through.</summary>
    public const string Allowed = "allowed";

    /// <summary>The <c>decision</c> value of a call the receiving gateway refused.</summary>
    public const string Denied = "denied";
}
