using FederatedAgents.Grpc.Health;

namespace FederatedAgents.Grpc.AspNetCore.Health;

/// <summary><c>grpc.health.v1.Health</c> (grpc/grpc doc/health-checking.md) over <see cref="HealthStatusRegistry"/>.</summary>
internal sealed class HealthService
{
    private readonly HealthStatusRegistry _registry;

    public HealthService(HealthStatusRegistry registry) => _registry = registry;

    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        _registry.GetStatus(request.Service) is { } status
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"No health status is registered for service '{request.Service}'.");

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        using var watch = _registry.Watch(request.Service);
        HealthCheckResponse.Types.ServingStatus? sent = null;
        await foreach (var status in watch.Statuses.ReadAllAsync(context.CancellationToken))
        {
            if (status != sent)
            {
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);
                sent = status;
            }
        }
    }
}
