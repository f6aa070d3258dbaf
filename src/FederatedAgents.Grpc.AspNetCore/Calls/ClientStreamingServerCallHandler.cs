using FederatedAgents.Grpc.AspNetCore.Binding;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>A stream of request messages in, one response message out.</summary>
internal sealed class ClientStreamingServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
{
    private readonly Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> _invoker;

    public ClientStreamingServerCallHandler(
        Method<TRequest, TResponse> method,
        Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> invoker,
        ServiceActivator<TService> activator,
        ServerSettings server)
        : base(method, activator, server) => _invoker = invoker;

    protected override Task HandleCallCoreAsync(HttpServerCallContext call) =>
        RespondAsync(call, _invoker, new HttpRequestStreamReader<TRequest>(call, Deserialize));
}
