namespace FederatedAgents.Grpc.Client;

/// <summary>A server-streaming call in progress.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : AsyncCall
{
    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, ICallState call)
        : base(call) => ResponseStream = responseStream;

    /// <summary>
    /// The response messages. <see cref="IAsyncStreamReader{T}.MoveNext"/> returns false after an OK
    /// end and throws <see cref="RpcException"/> for any other status; cancelling its token cancels the call.
    /// </summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}
