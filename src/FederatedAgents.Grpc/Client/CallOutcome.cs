namespace FederatedAgents.Grpc.Client;

/// <summary>How a call ended: set once, by whichever of response, deadline, cancellation or failure came first.</summary>
internal sealed class CallOutcome
{
    public CallOutcome(Status status, Metadata trailers, Exception? cause)
    {
        Status = status;
        Trailers = trailers;
        Cause = cause;
    }

    public Status Status { get; }

    public Metadata Trailers { get; }

    /// <summary>The local exception behind a synthesized status, kept as the inner exception for diagnosis.</summary>
    public Exception? Cause { get; }

    public bool IsOk => Status.StatusCode == StatusCode.OK;

    public RpcException ToException() => new(Status, Trailers, Cause);
}
