using FederatedAgents.Grpc;
using FederatedAgents.Testing.Echo;

namespace FederatedAgents.Testing.Grpc;

/// <summary>The methods of federatedagents.testing.Echo, the test service the independent servers implement.</summary>
public static class EchoMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor s_service = EchoReflection.Descriptor.Services[0];

    public static readonly Method<EchoRequest, EchoResponse> Unary = Find("Unary");
    public static readonly Method<EchoRequest, EchoResponse> ServerStream = Find("ServerStream");
    public static readonly Method<EchoRequest, EchoResponse> ClientStream = Find("ClientStream");
    public static readonly Method<EchoRequest, EchoResponse> Duplex = Find("Duplex");
    public static readonly Method<EchoRequest, EchoResponse> Outcome = Find("Outcome");

    private static Method<EchoRequest, EchoResponse> Find(string name) =>
        Method.FromDescriptor<EchoRequest, EchoResponse>(s_service.FindMethodByName(name));
}
