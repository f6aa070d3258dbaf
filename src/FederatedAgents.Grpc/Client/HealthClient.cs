using FederatedAgents.Grpc.Health;

namespace FederatedAgents.Grpc.Client;

/// <summary>Client for <c>grpc.health.v1.Health</c> (grpc/grpc doc/health-checking.md).</summary>
public sealed class HealthClient
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor s_service = HealthReflection.Descriptor.Services[0];

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> s_check =
        Method.FromDescriptor<HealthCheckRequest, HealthCheckResponse>(s_service.FindMethodByName("Check"));

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> s_watch =
        Method.FromDescriptor<HealthCheckRequest, HealthCheckResponse>(s_service.FindMethodByName("Watch"));

    private readonly CallInvoker _invoker;

    public HealthClient(CallInvoker invoker) => _invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));

    public HealthClient(GrpcChannel channel)
        : this(channel.CreateCallInvoker())
    {
    }

    /// <summary>
    /// Asks whether <paramref name="service"/> (empty for the server as a whole) is serving. A server
    /// that does not know the service fails the call with NOT_FOUND; one without a health service
    /// with UNIMPLEMENTED. Give health checks a deadline: an unreachable server otherwise waits for TCP.
    /// </summary>
    public AsyncUnaryCall<HealthCheckResponse> CheckAsync(string service, CallOptions options = default) =>
        _invoker.AsyncUnaryCall(s_check, options, new HealthCheckRequest { Service = service });

    /// <summary>Streams the service's status: the current one first, then each change.</summary>
    public AsyncServerStreamingCall<HealthCheckResponse> Watch(string service, CallOptions options = default) =>
        _invoker.AsyncServerStreamingCall(s_watch, options, new HealthCheckRequest { Service = service });
}
