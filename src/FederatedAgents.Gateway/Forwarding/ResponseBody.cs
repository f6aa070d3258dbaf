using System.Buffers;
using System.IO.Pipelines;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Streams the agent's response messages to the caller. Bytes are written as they arrive and flushed whenever
/// the agent has nothing more ready (so a stream's messages are never held back, and a unary response leaves in
/// one write with its trailers) or enough is buffered. The framing is followed on the way: the first invalid
/// prefix, or an end inside a message, ends the call with INTERNAL after the whole messages before it.
/// </summary>
internal static class ResponseBody
{
    private const int BufferSize = 32 * 1024;
    private const int FlushThreshold = 64 * 1024;

    /// <returns>Null when the body ended cleanly after whole messages; otherwise the status to end the call with.</returns>
    public static async ValueTask<Status?> CopyAsync(Stream upstream, HttpResponse response, PayloadMeter meter, string agent, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var reading = false;
        try
        {
            // The headers count as unflushed until the first flush: they go out as soon as the agent pauses.
            var unflushed = response.HasStarted ? 0 : 1;
            reading = true;
            var read = upstream.ReadAsync(buffer, cancellationToken);
            while (true)
            {
                if (unflushed > 0 && (!read.IsCompleted || unflushed >= FlushThreshold))
                {
                    await writer.FlushAsync(cancellationToken);
                    unflushed = 0;
                }

                var count = await read;
                reading = false;
                if (count == 0)
                {
                    return meter.AtMessageBoundary ? null : new Status(StatusCode.Internal, $"Agent '{agent}' ended its response inside a message.");
                }

                var valid = meter.Observe(buffer.AsSpan(0, count));
                writer.Write(buffer.AsSpan(0, valid));
                unflushed += valid;
                if (valid < count)
                {
                    return new Status(StatusCode.Internal, $"Agent '{agent}' sent a response that is not gRPC message framing.");
                }

                reading = true;
                read = upstream.ReadAsync(buffer, cancellationToken);
            }
        }
        finally
        {
            // A read still pending may yet write into the buffer; leave that one to the collector.
            if (!reading)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// As <see cref="CopyAsync"/>, but each whole message passes <paramref name="filter"/> first. Messages are
    /// bounded by <see cref="GrpcProtocol.DefaultMaxReceiveMessageSize"/>; a compressed one cannot be filtered
    /// (the agent was asked for none) and ends the call with INTERNAL.
    /// </summary>
    public static async ValueTask<Status?> CopyFilteredAsync(
        Stream upstream, HttpResponse response, PayloadMeter meter, IResponseMessageFilter filter, string agent, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(upstream, new(bufferSize: BufferSize, leaveOpen: true));
        var writer = response.BodyWriter;
        var output = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var result))
                {
                    await writer.FlushAsync(cancellationToken);
                    result = await reader.ReadAsync(cancellationToken);
                }

                var buffer = result.Buffer;
                try
                {
                    while (MessageFrame.TryRead(ref buffer, GrpcProtocol.DefaultMaxReceiveMessageSize, out var message, out var compressed))
                    {
                        if (compressed)
                        {
                            return new Status(StatusCode.Internal, $"Agent '{agent}' sent a compressed message that the gateway must filter; it was asked for uncompressed responses.");
                        }

                        output.ResetWrittenCount();
                        filter.Filter(message, output);
                        WriteMessage(writer, output.WrittenSpan, meter);
                    }

                    if (result.IsCompleted)
                    {
                        return buffer.IsEmpty ? null : new Status(StatusCode.Internal, $"Agent '{agent}' ended its response inside a message.");
                    }
                }
                catch (RpcException ex)
                {
                    return ex.Status;
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static void WriteMessage(PipeWriter writer, ReadOnlySpan<byte> payload, PayloadMeter meter)
    {
        var frame = writer.GetSpan(GrpcProtocol.MessageHeaderSize + payload.Length)[..(GrpcProtocol.MessageHeaderSize + payload.Length)];
        MessageFrame.WriteHeader(frame, compressed: false, payload.Length);
        payload.CopyTo(frame[GrpcProtocol.MessageHeaderSize..]);
        meter.Observe(frame);
        writer.Advance(frame.Length);
    }
}
