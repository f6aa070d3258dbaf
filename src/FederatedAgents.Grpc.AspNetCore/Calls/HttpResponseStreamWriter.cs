namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>The response stream a server-streaming or duplex handler writes; every message is flushed.</summary>
internal sealed class HttpResponseStreamWriter<T> : IServerStreamWriter<T>
{
    private readonly HttpServerCallContext _call;
    private readonly Marshaller<T> _marshaller;

    public HttpResponseStreamWriter(HttpServerCallContext call, Marshaller<T> marshaller)
    {
        _call = call;
        _marshaller = marshaller;
    }

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var linked = _call.CombineWithCall(cancellationToken, out var token);
        await _call.WriteStreamMessageAsync(message, _marshaller, token);
    }
}
