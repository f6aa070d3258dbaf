namespace FederatedAgents.Testing;

/// <summary>Every await in a test is bounded: a hang becomes a failure with a name, not a stuck CI run.</summary>
public static class TestTimeouts
{
    /// <summary>Generous bound for one network round trip or server start on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task<T> Bounded<T>(this Task<T> task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default);

    public static Task Bounded(this Task task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default);

    public static async Task<T> Bounded<T>(this ValueTask<T> task, TimeSpan? timeout = null) =>
        await task.AsTask().WaitAsync(timeout ?? Default);
}
