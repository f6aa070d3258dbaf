using System.Buffers;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>The request stream a client-streaming or duplex handler reads.</summary>
internal sealed class HttpRequestStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly HttpServerCallContext _call;
    private readonly GrpcMessageReader _reader;
    private readonly Func<ReadOnlySequence<byte>, T> _parse;
    private int _reading;
    private bool _ended;

    public HttpRequestStreamReader(HttpServerCallContext call, Func<ReadOnlySequence<byte>, T> parse)
    {
        _call = call;
        _reader = call.CreateMessageReader();
        _parse = parse;
    }

    public T Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return false;
        }

        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("A read is already in progress; await each MoveNext before the next.");
        }

        try
        {
            using var linked = _call.CombineWithCall(cancellationToken, out var token);
            var (hasMessage, message) = await _call.ReadMessageAsync(_reader, _parse, token);
            if (!hasMessage)
            {
                _ended = true;
                return false;
            }

            Current = message;
            return true;
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
