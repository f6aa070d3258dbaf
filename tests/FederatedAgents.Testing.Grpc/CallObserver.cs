using System.Collections.Concurrent;

namespace FederatedAgents.Testing.Grpc;

/// <summary>
/// What test handlers report about themselves, keyed by a tag the test chooses (usually the request's
/// message): that they started, saw their token cancelled, finished, or anything else worth asserting.
/// </summary>
public sealed class CallObserver
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> _events = new();

    public void Signal(string kind, string tag, object? value = null) => Get(kind, tag).TrySetResult(value);

    public bool Happened(string kind, string tag) => Get(kind, tag).Task.IsCompleted;

    /// <summary>Waits (bounded) for the event and returns the value the handler reported with it.</summary>
    public Task<object?> WaitAsync(string kind, string tag) => Get(kind, tag).Task.Bounded();

    private TaskCompletionSource<object?> Get(string kind, string tag) =>
        _events.GetOrAdd($"{kind}:{tag}", _ => new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Event kinds handlers report.</summary>
public static class CallEvents
{
    public const string Started = "started";
    public const string Cancelled = "cancelled";
    public const string Finished = "finished";
}
