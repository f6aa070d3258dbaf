using System.Buffers;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Bench;

/// <summary>
/// The floor under the gRPC stack: a Kestrel request delegate that only does gRPC's framing. It reads the request
/// body to its end, takes the one length-prefixed message, writes it back framed (Echo's request and response share
/// field numbers, so the bytes are a valid response) and ends with <c>grpc-status: 0</c>. No routing, no parsing.
/// </summary>
internal static class BareEcho
{
    public static async Task HandleAsync(HttpContext http)
    {
        var reader = http.Request.BodyReader;
        var result = await reader.ReadAsync();
        while (!result.IsCompleted)
        {
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await reader.ReadAsync();
        }

        var buffer = result.Buffer;
        http.Response.ContentType = GrpcProtocol.ContentType;
        if (MessageFrame.TryRead(ref buffer, GrpcProtocol.DefaultMaxReceiveMessageSize, out var message, out _) && buffer.IsEmpty)
        {
            var length = (int)message.Length;
            var span = http.Response.BodyWriter.GetSpan(GrpcProtocol.MessageHeaderSize + length);
            MessageFrame.WriteHeader(span, compressed: false, length);
            message.CopyTo(span[GrpcProtocol.MessageHeaderSize..]);
            http.Response.BodyWriter.Advance(GrpcProtocol.MessageHeaderSize + length);
            http.Response.AppendTrailer(GrpcProtocol.StatusTrailer, "0");
        }
        else
        {
            http.Response.Headers.GrpcStatus = "13";
        }

        reader.AdvanceTo(result.Buffer.End);
    }
}
