using FederatedAgents.Grpc.AspNetCore.Binding;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>Request and response streams, read and written independently.</summary>
internal sealed class DuplexStreamingServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
{
    private readonly Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> _invoker;

    public DuplexStreamingServerCallHandler(
        Method<TRequest, TResponse> method,
        Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker,
        ServiceActivator<TService> activator,
        ServerSettings server)
        : base(method, activator, server) => _invoker = invoker;

    protected override Task HandleCallCoreAsync(HttpServerCallContext call) =>
        StreamAsync(call, _invoker, new HttpRequestStreamReader<TRequest>(call, Deserialize));
}
