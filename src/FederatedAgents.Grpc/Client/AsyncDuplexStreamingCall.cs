namespace FederatedAgents.Grpc.Client;

/// <summary>
/// A bidirectional streaming call in progress. Requests and responses flow independently: responses
/// may be read before the request stream is complete.
/// </summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : AsyncCall
{
    internal AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, ICallState call)
        : base(call)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}
