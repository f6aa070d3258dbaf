using System.Net;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Client;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private static readonly TimerCallback s_onDeadline = static state => ((GrpcCall<TRequest, TResponse>)state!).OnDeadline();
    private static readonly Action<object?> s_onCancel = static state => ((GrpcCall<TRequest, TResponse>)state!).Dispose();

    private StreamingRequestContent? _requestContent;

    /// <summary>Starts a call whose request is exactly <paramref name="message"/> (unary, server streaming).</summary>
    /// <exception cref="ArgumentException">The call options carry reserved metadata.</exception>
    public void Start(TRequest message)
    {
        var remaining = RemainingTime();
        var request = CreateRequest(remaining);
        try
        {
            request.Content = UnaryRequestContent.Create(message, _method.RequestMarshaller, _channel.MaxSendMessageSize, _requestCompressor);
        }
        catch (Exception ex)
        {
            request.Dispose();
            Fail(ex);
            return;
        }

        Send(request, remaining);
    }

    /// <summary>Starts a call whose request messages are written later (client, duplex streaming).</summary>
    /// <exception cref="ArgumentException">The call options carry reserved metadata.</exception>
    public void StartStreaming()
    {
        var remaining = RemainingTime();
        var request = CreateRequest(remaining);
        request.Content = _requestContent = new StreamingRequestContent();
        Send(request, remaining);
    }

    private void Send(HttpRequestMessage request, TimeSpan? remaining)
    {
        request.Content!.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        _request = request;
        if (_options.CancellationToken.IsCancellationRequested)
        {
            Complete(CallFailures.Cancelled, Metadata.Empty);
            return;
        }

        if (remaining is { } delay)
        {
            if (delay <= TimeSpan.Zero)
            {
                Complete(CallFailures.DeadlineExceeded, Metadata.Empty);
                return;
            }

            _deadlineTimer = _channel.TimeProvider.CreateTimer(s_onDeadline, this, Min(delay, s_maxTimerDelay), Timeout.InfiniteTimeSpan);
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _cancellationRegistration = _options.CancellationToken.UnsafeRegister(s_onCancel, this);
        }

        GrpcChannel.Log.CallStarting(_channel.Logger, _method.FullName, _channel.Address, remaining is null ? null : _deadline);
        try
        {
            Volatile.Write(ref _sendTask, _channel.Invoker.SendAsync(request, _cancellation.Token));
        }
        catch (Exception ex)
        {
            Fail(ex);
        }

        if (Volatile.Read(ref _outcome) is not null)
        {
            // Settled while sending started: make sure a response that still arrives is released.
            DisposeResponseWhenSent();
        }
    }

    private HttpRequestMessage CreateRequest(TimeSpan? remaining)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetRequestUri(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var headers = request.Headers;
        if (remaining is { } timeout)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        headers.TryAddWithoutValidation(GrpcProtocol.UserAgentHeader, GrpcChannel.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, _channel.AcceptEncoding);
        if (_requestCompressor is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, _requestCompressor.EncodingName);
        }

        var metadata = _options.Headers ?? Metadata.Empty;
        for (var i = 0; i < metadata.Count; i++)
        {
            var entry = metadata[i];
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                request.Dispose();
                throw new ArgumentException(
                    $"CallOptions.Headers contains '{entry.Key}', a header the gRPC protocol reserves; " +
                    "use CallOptions.Deadline or RequestCompression for grpc-* settings, or rename the key.");
            }

            headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.ToHeaderValue(entry));
        }

        return request;
    }

    private TimeSpan? RemainingTime() =>
        _deadline == DateTime.MaxValue ? null : _deadline - _channel.TimeProvider.GetUtcNow().UtcDateTime;

    private bool DeadlinePassed() => RemainingTime() <= TimeSpan.Zero;

    private void OnDeadline()
    {
        var remaining = RemainingTime()!.Value;
        if (remaining > TimeSpan.Zero)
        {
            _deadlineTimer?.Change(Min(remaining, s_maxTimerDelay), Timeout.InfiniteTimeSpan);
            return;
        }

        Complete(CallFailures.DeadlineExceeded, Metadata.Empty);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTime NormalizeDeadline(DateTime? deadline)
    {
        if (deadline is not { } value || value == DateTime.MaxValue)
        {
            return DateTime.MaxValue;
        }

        if (value.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException(
                $"CallOptions.Deadline must be a UTC DateTime (DateTimeKind.Utc), not {value.Kind}; convert it with ToUniversalTime().");
        }

        return value;
    }
}
