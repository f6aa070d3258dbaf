using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Client;

internal sealed partial class GrpcCall<TRequest, TResponse> : IAsyncStreamReader<TResponse>
{
    private static readonly Status s_noMessage =
        new(StatusCode.Internal, "The server ended the call with OK but sent no response message.");

    private static readonly Status s_extraMessage =
        new(StatusCode.Internal, "The server sent more than one response message for a call that returns one.");

    private Task<Metadata>? _responseHeaders;
    private HttpResponseMessage? _response;
    private PipeReader? _body;
    private GrpcMessageReader? _reader;
    private ICompressionProvider? _decompressor;

    /// <summary>Read once, on first use; see <see cref="AsyncCall.ResponseHeadersAsync"/>.</summary>
    public Task<Metadata> ResponseHeadersAsync => _responseHeaders ??= ReadResponseHeadersAsync();

    public TResponse Current { get; private set; } = default!;

    /// <summary>The one response message of a unary or client-streaming call.</summary>
    public async Task<TResponse> GetResponseAsync()
    {
        CallOutcome outcome;
        TResponse? message = default;
        try
        {
            if (await OpenResponseAsync(singleResponse: true) is { } early)
            {
                outcome = early;
            }
            else
            {
                int count;
                (count, message) = await GrpcMessageReader.ReadSingleAsync(
                    _body!, _channel.MaxReceiveMessageSize, _decompressor, _method.ResponseMarshaller.Deserializer, _cancellation.Token);
                outcome = count > 1
                    ? Complete(s_extraMessage, Metadata.Empty)
                    : SettleFromTrailers(missingMessage: count == 0);
            }
        }
        catch (Exception ex)
        {
            outcome = Fail(ex);
        }

        ReleaseBody();
        return outcome.IsOk ? message! : throw outcome.ToException();
    }

    /// <summary>Reads the next message of a server-streaming or duplex call; false after an OK end.</summary>
    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        using var registration = RegisterCancellation(cancellationToken);
        CallOutcome? outcome;
        try
        {
            outcome = Volatile.Read(ref _outcome);
            if (outcome is null && _reader is null)
            {
                outcome = await OpenResponseAsync(singleResponse: false);
            }

            if (outcome is null)
            {
                var (hasMessage, message) = await ReadMessageAsync();
                if (hasMessage)
                {
                    Current = message;
                    return true;
                }

                outcome = SettleFromTrailers(missingMessage: false);
            }
        }
        catch (Exception ex)
        {
            outcome = Fail(ex);
        }

        ReleaseBody();
        return outcome.IsOk ? false : throw outcome.ToException();
    }

    /// <summary>Waits for the response headers; returns the outcome when they already end the call, else opens the body.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallOutcome?> OpenResponseAsync(bool singleResponse)
    {
        var response = await _sendTask;
        _response = response;
        if (ResponseStatus.TryGetFromHeaders(response, out var status, out var trailers))
        {
            return Complete(singleResponse && status.StatusCode == StatusCode.OK ? s_noMessage : status, trailers);
        }

        var encoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var values)
            ? values.ToString()
            : GrpcProtocol.IdentityEncoding;
        if (!_channel.TryGetDecompressor(encoding, out var decompressor))
        {
            return Complete(new Status(StatusCode.Internal,
                $"The server sent grpc-encoding '{encoding}', which this channel cannot decompress (it accepts {_channel.AcceptEncoding})."),
                Metadata.Empty);
        }

        var stream = await response.Content.ReadAsStreamAsync(_cancellation.Token);
        _body = PipeReader.Create(stream);
        _decompressor = decompressor;
        if (!singleResponse)
        {
            _reader = new GrpcMessageReader(_body, _channel.MaxReceiveMessageSize, decompressor);
        }

        return null;
    }

    private ValueTask<(bool HasMessage, TResponse Message)> ReadMessageAsync() =>
        _reader!.ReadAsync(_method.ResponseMarshaller.Deserializer, _cancellation.Token);

    private CallOutcome SettleFromTrailers(bool missingMessage)
    {
        var (status, trailers) = ResponseStatus.FromTrailers(_response!);
        return Complete(missingMessage && status.StatusCode == StatusCode.OK ? s_noMessage : status, trailers);
    }

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await _sendTask;
        }
        catch (Exception ex)
        {
            throw Fail(ex).ToException();
        }

        if (!ResponseStatus.TryGetFromHeaders(response, out var status, out var trailers))
        {
            return ResponseStatus.ReadMetadata(response.Headers);
        }

        return status.StatusCode == StatusCode.OK ? trailers : throw new RpcException(status, trailers);
    }

    /// <summary>Returns the body's pooled buffers; an unread body is abandoned, which resets the stream.</summary>
    private void ReleaseBody() => Interlocked.Exchange(ref _body, null)?.Complete();

    private CancellationTokenRegistration RegisterCancellation(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(s_onCancel, this) : default;
}
