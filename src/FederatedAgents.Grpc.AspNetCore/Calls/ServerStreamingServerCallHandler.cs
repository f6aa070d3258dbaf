using FederatedAgents.Grpc.AspNetCore.Binding;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>One request message in, a stream of response messages out.</summary>
internal sealed class ServerStreamingServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
{
    private readonly Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> _invoker;

    public ServerStreamingServerCallHandler(
        Method<TRequest, TResponse> method,
        Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker,
        ServiceActivator<TService> activator,
        ServerSettings server)
        : base(method, activator, server) => _invoker = invoker;

    protected override async Task HandleCallCoreAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call, call.CancellationToken);
        await StreamAsync(call, _invoker, request);
    }
}
