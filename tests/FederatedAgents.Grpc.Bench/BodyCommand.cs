using System.CommandLine;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Bench;

/// <summary><c>body --payload N</c>: writes one framed request (0x00, 4-byte big-endian length, protobuf) to stdout, for h2load -d.</summary>
internal static class BodyCommand
{
    public static Command Create()
    {
        var payload = Options.Payload();
        var command = new Command("body", "Write one gRPC-framed Echo/Unary request to standard output.") { payload };
        command.SetAction(parseResult =>
        {
            var request = EchoMessages.Request(parseResult.GetValue(payload));
            var size = request.CalculateSize();
            var frame = new byte[GrpcProtocol.MessageHeaderSize + size];
            MessageFrame.WriteHeader(frame, compressed: false, size);
            EchoMessages.Unary.RequestMarshaller.Serialize(request, frame.AsSpan(GrpcProtocol.MessageHeaderSize));
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(frame);
        });
        return command;
    }
}
