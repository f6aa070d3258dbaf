using FederatedAgents.Grpc.AspNetCore.Binding;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>One request message in, one response message out.</summary>
internal sealed class UnaryServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
{
    private readonly Func<TService, TRequest, ServerCallContext, Task<TResponse>> _invoker;

    public UnaryServerCallHandler(
        Method<TRequest, TResponse> method,
        Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker,
        ServiceActivator<TService> activator,
        ServerSettings server)
        : base(method, activator, server) => _invoker = invoker;

    protected override async Task HandleCallCoreAsync(HttpServerCallContext call)
    {
        // A call without a deadline has no token source yet; reads end by themselves when the client resets.
        var request = await ReadSingleRequestAsync(call, call.IsDeadlineBound ? call.CancellationToken : default);
        await RespondAsync(call, _invoker, request);
    }
}
