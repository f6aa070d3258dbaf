namespace FederatedAgents.Grpc;

/// <summary>
/// A call ended with a non-OK status. Server handlers throw it to choose the status and
/// trailers; clients receive it when a call fails.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status, Metadata? trailers = null, Exception? innerException = null)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Trailers = trailers ?? Metadata.Empty;
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata sent (server) or received (client) with the status.</summary>
    public Metadata Trailers { get; }
}
