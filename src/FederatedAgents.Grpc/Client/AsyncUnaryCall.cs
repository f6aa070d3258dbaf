using System.Runtime.CompilerServices;

namespace FederatedAgents.Grpc.Client;

/// <summary>A unary call in progress; await it for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : AsyncCall
{
    internal AsyncUnaryCall(Task<TResponse> responseAsync, ICallState call)
        : base(call) => ResponseAsync = responseAsync;

    /// <summary>The response; fails with <see cref="RpcException"/> carrying the status when it is not OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}
