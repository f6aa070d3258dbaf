using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>The response side: headers once, messages, and the status exactly once.</summary>
internal sealed partial class HttpServerCallContext
{
    private string? _responseCompression;
    private ICompressionProvider? _responseCompressor;
    private bool _headersStarted;
    private bool _responseSent;
    private bool _responseCompleted;
    private int _writing;

    /// <summary>The status that was sent, once the response is complete.</summary>
    public Status? SentStatus { get; private set; }

    public override string? ResponseCompressionAlgorithm
    {
        get => _responseCompression;
        set
        {
            if (_headersStarted)
            {
                throw new InvalidOperationException(
                    "The response compression can only be chosen before the response headers are sent.");
            }

            if (value is not null && value != GrpcProtocol.IdentityEncoding && !MessageCompression.Providers.ContainsKey(value))
            {
                throw new ArgumentException(
                    $"Compression '{value}' is not supported; use one of {MessageCompression.AcceptEncoding}, or null for none.", nameof(value));
            }

            _responseCompression = value == GrpcProtocol.IdentityEncoding ? null : value;
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await EnterResponseAsync();
        try
        {
            if (_headersStarted)
            {
                throw new InvalidOperationException(
                    "Response headers were already sent; WriteResponseHeadersAsync can be called once, before the first message.");
            }

            StartHeaders();
            GrpcResponseHeaders.AppendMetadata(_http.Response.Headers, responseHeaders);
            _responseSent = true;
            await _http.Response.BodyWriter.FlushAsync(CancellationToken);
        }
        finally
        {
            ExitResponse();
        }
    }

    /// <summary>Writes and flushes one message of a response stream.</summary>
    public async Task WriteStreamMessageAsync<T>(T message, Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        if (_deadlineExceeded)
        {
            throw ResponseCompleteException();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }

        try
        {
            await EnterResponseAsync();
            try
            {
                WriteMessage(message, marshaller);
                await _http.Response.BodyWriter.FlushAsync(cancellationToken);
            }
            finally
            {
                ExitResponse();
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>
    /// Ends a unary or client-streaming call: the message (unless <see cref="Status"/> is an error) and
    /// the status go out together when the request delegate returns, without an extra flush.
    /// </summary>
    public async ValueTask CompleteWithMessageAsync<T>(T message, Marshaller<T> marshaller)
    {
        if (!await TryEnterResponseAsync())
        {
            return;
        }

        try
        {
            if (Status.StatusCode == StatusCode.OK)
            {
                WriteMessage(message, marshaller);
            }

            WriteStatus(Status);
        }
        finally
        {
            ExitResponse();
        }
    }

    /// <summary>Sends <paramref name="status"/> unless the response is already complete.</summary>
    public async ValueTask CompleteAsync(Status status)
    {
        if (!await TryEnterResponseAsync())
        {
            return;
        }

        try
        {
            WriteStatus(status);
        }
        finally
        {
            ExitResponse();
        }
    }

    /// <summary>Adds the trailers an <see cref="RpcException"/> carries to the call's trailers.</summary>
    public void AddTrailers(Metadata trailers)
    {
        foreach (var entry in trailers)
        {
            ResponseTrailers.Add(entry);
        }
    }

    private void StartHeaders()
    {
        if (_headersStarted)
        {
            return;
        }

        _headersStarted = true;
        GrpcResponseHeaders.WriteStart(_http.Response);
        _responseCompressor = ChooseResponseCompressor();
        if (_responseCompressor is not null)
        {
            _http.Response.Headers.GrpcEncoding = _responseCompressor.EncodingName;
        }
    }

    /// <summary>Frames a message into the response body; it leaves with the next flush or at the end of the call.</summary>
    private void WriteMessage<T>(T message, Marshaller<T> marshaller)
    {
        StartHeaders();
        GrpcMessageWriter.Write(_http.Response.BodyWriter, message, marshaller, _server.MaxSendMessageSize, _responseCompressor);
        _responseSent = true;
    }

    /// <summary>Trailers-Only when neither headers nor a message went out yet, trailers otherwise.</summary>
    private void WriteStatus(Status status)
    {
        _responseCompleted = true;
        SentStatus = status;
        if (!_responseSent)
        {
            GrpcResponseHeaders.WriteTrailersOnly(_http.Response, status, _responseTrailers);
            return;
        }

        var trailers = _http.Features.GetRequiredFeature<IHttpResponseTrailersFeature>().Trailers;
        GrpcResponseHeaders.WriteStatus(trailers, status, _responseTrailers);
    }

    private ICompressionProvider? ChooseResponseCompressor()
    {
        if (_responseCompression is null || !MessageCompression.Providers.TryGetValue(_responseCompression, out var provider))
        {
            return null;
        }

        foreach (var accepted in _http.Request.Headers.GrpcAcceptEncoding)
        {
            foreach (var token in (accepted ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                if (token == provider.EncodingName)
                {
                    return provider;
                }
            }
        }

        Log.ResponseCompressionNotAccepted(_server.Logger, _method, provider.EncodingName);
        return null;
    }

    private async ValueTask EnterResponseAsync()
    {
        if (!await TryEnterResponseAsync())
        {
            throw ResponseCompleteException();
        }
    }

    private Exception ResponseCompleteException() => IsDeadlineExceeded
        ? new RpcException(StatusCode.DeadlineExceeded, "The call's deadline passed and its response is complete; nothing more can be sent.")
        : new InvalidOperationException("The call's response is complete; nothing more can be sent.");
}
