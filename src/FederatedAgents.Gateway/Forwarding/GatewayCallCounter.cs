namespace FederatedAgents.Gateway.Forwarding;

/// <summary>Calls the gateway is handling right now; back to zero when it is idle, whatever became of the calls.</summary>
internal sealed class GatewayCallCounter
{
    private long _inFlight;

    public long InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
