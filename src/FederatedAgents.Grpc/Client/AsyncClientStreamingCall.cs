using System.Runtime.CompilerServices;

namespace FederatedAgents.Grpc.Client;

/// <summary>A client-streaming call in progress: write the requests, complete the stream, await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : AsyncCall
{
    internal AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, ICallState call)
        : base(call)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
    }

    /// <summary>The request messages; each write is flushed. <see cref="IClientStreamWriter{T}.CompleteAsync"/> ends the stream.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response; fails with <see cref="RpcException"/> carrying the status when it is not OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}
