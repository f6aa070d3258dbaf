namespace FederatedAgents.Gateway.Limits;

/// <summary>
/// Calls in flight under one limit. A counter, not a queue: a call over the limit is refused at once
/// (RESOURCE_EXHAUSTED), so load beyond capacity never piles up inside the gateway.
/// </summary>
internal sealed class ConcurrencyCounter
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool TryEnter(int limit)
    {
        if (Interlocked.Increment(ref _inFlight) <= limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
