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

    protected override async Task HandleCallCoreAsync(HttpServerCallContext call)
    {
        var requests = new HttpRequestStreamReader<TRequest>(call, Deserialize);
        var service = Activator.Activate(call.HttpContext.RequestServices);
        TResponse response;
        try
        {
            response = await _invoker(service, requests, call);
        }
        finally
        {
            await Activator.ReleaseAsync(service);
        }

        await call.CompleteWithMessageAsync(response ?? throw NullResponse(), GrpcMethod.ResponseMarshaller);
    }
}
