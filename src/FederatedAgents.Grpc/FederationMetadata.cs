namespace FederatedAgents.Grpc;

/// <summary>Request metadata keys the federation defines on top of gRPC.</summary>
public static class FederationMetadata
{
    /// <summary>
    /// On a call to the organization's own gateway (its local listener): the partner organization, by its name in
    /// the gateway's <c>Partners</c>, whose gateway the call goes to. Absent: the call is for a local agent.
    /// </summary>
    public const string TargetOrganization = "fa-target-org";

    /// <summary>The request header carrying the caller's access token, <c>Bearer &lt;token&gt;</c>.</summary>
    public const string Authorization = "authorization";

    /// <summary>
    /// Response trailer (or Trailers-Only header) in which a receiving gateway returns its signed audit receipt
    /// (an <c>audit-receipt+jwt</c>) for the call; the calling gateway verifies and keeps it.
    /// </summary>
    public const string AuditReceipt = "fa-audit-receipt";

    /// <summary>W3C Trace Context header joining both organizations' records of a call.</summary>
    public const string TraceParent = "traceparent";
}
