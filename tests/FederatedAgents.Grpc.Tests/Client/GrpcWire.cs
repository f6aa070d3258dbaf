using System.Buffers;
using System.Globalization;
using System.Text;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>Hand-written gRPC server behaviour for <see cref="TestEndpoint"/> handlers, on string messages.</summary>
internal static class GrpcWire
{
    public static readonly Marshaller<string> Utf8 = new Utf8Marshaller();

    public static Method<string, string> Method(MethodType type) => new(type, "test.Wire", "Call", Utf8, Utf8);

    /// <summary>A reader for the request messages, decompressing per the request's grpc-encoding.</summary>
    public static GrpcMessageReader RequestReader(HttpContext context)
    {
        var encoding = context.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
        return new GrpcMessageReader(context.Request.BodyReader, int.MaxValue, encoding.Length > 0 ? MessageCompression.Providers[encoding] : null);
    }

    public static async Task<string?> ReadMessageAsync(GrpcMessageReader reader, HttpContext context)
    {
        var (hasMessage, message) = await reader.ReadAsync(Utf8.Deserialize, context.RequestAborted);
        return hasMessage ? message : null;
    }

    public static async Task<List<string>> ReadMessagesAsync(HttpContext context)
    {
        var reader = RequestReader(context);
        var messages = new List<string>();
        while (await ReadMessageAsync(reader, context) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    public static async Task WriteMessageAsync(HttpContext context, string message, ICompressionProvider? compressor = null)
    {
        StartResponse(context);
        GrpcMessageWriter.Write(context.Response.BodyWriter, message, Utf8, int.MaxValue, compressor);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>Sends the status in the trailers (after headers and messages).</summary>
    public static void EndCall(HttpContext context, StatusCode code, string? message = null)
    {
        StartResponse(context);
        context.Response.AppendTrailer(GrpcProtocol.StatusTrailer, ((int)code).ToString(CultureInfo.InvariantCulture));
        if (message is not null)
        {
            context.Response.AppendTrailer(GrpcProtocol.MessageTrailer, GrpcMessageEncoding.Encode(message));
        }
    }

    /// <summary>Sets the gRPC content-type unless the headers are already sent.</summary>
    public static void StartResponse(HttpContext context)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = GrpcProtocol.ContentType;
        }
    }

    /// <summary>A Trailers-Only response: one HEADERS frame with the status, END_STREAM, no body.</summary>
    public static Task TrailersOnly(HttpContext context, StatusCode code, string? message = null)
    {
        context.Response.ContentType = GrpcProtocol.ContentType;
        context.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)code).ToString(CultureInfo.InvariantCulture);
        if (message is not null)
        {
            context.Response.Headers[GrpcProtocol.MessageTrailer] = GrpcMessageEncoding.Encode(message);
        }

        return Task.CompletedTask;
    }

    public static async Task ReplyAsync(HttpContext context, string message)
    {
        await ReadMessagesAsync(context);
        await WriteMessageAsync(context, message);
        EndCall(context, StatusCode.OK);
    }

    private sealed class Utf8Marshaller : Marshaller<string>
    {
        public override int GetSize(string message) => Encoding.UTF8.GetByteCount(message);

        public override void Serialize(string message, Span<byte> destination) => Encoding.UTF8.GetBytes(message, destination);

        public override string Deserialize(ReadOnlySequence<byte> payload) => Encoding.UTF8.GetString(payload);
    }
}
