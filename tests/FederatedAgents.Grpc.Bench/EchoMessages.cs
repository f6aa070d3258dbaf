using FederatedAgents.Testing.Echo;
using Google.Protobuf;

namespace FederatedAgents.Grpc.Bench;

/// <summary>The benchmarked call: <c>federatedagents.testing.Echo/Unary</c> with a payload of zeros, echoed back.</summary>
internal static class EchoMessages
{
    public const string Path = "/federatedagents.testing.Echo/Unary";

    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = EchoReflection.Descriptor.Services[0];

    public static readonly Method<EchoRequest, EchoResponse> Unary =
        Method.FromDescriptor<EchoRequest, EchoResponse>(Service.FindMethodByName("Unary"));

    public static EchoRequest Request(int payloadSize) => new() { Payload = ByteString.CopyFrom(new byte[payloadSize]) };
}
