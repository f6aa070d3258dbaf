using System.Threading.Channels;
using ServingStatus = FederatedAgents.Grpc.Health.HealthCheckResponse.Types.ServingStatus;

namespace FederatedAgents.Grpc.AspNetCore.Health;

/// <summary>One Watch call's subscription to a service's status; dispose to stop receiving changes.</summary>
internal sealed class HealthWatch(ChannelReader<ServingStatus> statuses, Action unsubscribe) : IDisposable
{
    public ChannelReader<ServingStatus> Statuses { get; } = statuses;

    public void Dispose() => unsubscribe();
}
