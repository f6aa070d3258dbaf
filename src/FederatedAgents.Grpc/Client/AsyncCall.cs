namespace FederatedAgents.Grpc.Client;

/// <summary>
/// What every call exposes besides its messages: response headers, the final status and trailers,
/// and <see cref="Dispose"/>, which cancels a call still in progress (CANCELLED; the server sees
/// RST_STREAM) and releases its resources.
/// </summary>
public abstract class AsyncCall : IDisposable
{
    private protected AsyncCall(ICallState call) => Call = call;

    /// <summary>
    /// Custom metadata of the response headers. Fails with <see cref="RpcException"/> when the call
    /// ended before the server sent headers, or with a Trailers-Only error.
    /// </summary>
    public Task<Metadata> ResponseHeadersAsync => Call.ResponseHeadersAsync;

    private protected ICallState Call { get; }

    /// <summary>The final status; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Status GetStatus() => Call.GetStatus();

    /// <summary>The trailing metadata; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Metadata GetTrailers() => Call.GetTrailers();

    public void Dispose()
    {
        Call.Dispose();
        GC.SuppressFinalize(this);
    }
}
