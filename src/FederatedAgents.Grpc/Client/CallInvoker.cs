namespace FederatedAgents.Grpc.Client;

/// <summary>
/// Starts calls on a <see cref="GrpcChannel"/>. Each method sends the request headers at once and
/// returns the call in progress; failures (including an unreachable server) surface as
/// <see cref="RpcException"/> from the call's response, never from these methods.
/// </summary>
/// <remarks>
/// These methods throw only for misuse: <see cref="ObjectDisposedException"/> after the channel is
/// disposed, <see cref="ArgumentException"/> for a non-UTC deadline, an unknown request compression
/// or reserved (<c>grpc-*</c>) metadata keys.
/// </remarks>
public sealed class CallInvoker
{
    private readonly GrpcChannel _channel;

    internal CallInvoker(GrpcChannel channel) => _channel = channel;

    public AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        var call = CreateCall(method, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(call.GetResponseAsync(), call);
    }

    public AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        var call = CreateCall(method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(call, call);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = CreateCall(method, options);
        call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(call, call.GetResponseAsync(), call);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = CreateCall(method, options);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call, call, call);
    }

    private GrpcCall<TRequest, TResponse> CreateCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        _channel.ThrowIfDisposed();
        return new GrpcCall<TRequest, TResponse>(_channel, method, options);
    }
}
