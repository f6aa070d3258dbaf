using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Testing.Echo;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>The benchmark's agent: Echo.Unary returns the request's payload and nothing else, so the agent costs as little as it can.</summary>
[UnimplementedMethods("ServerStream", "ClientStream", "Duplex", "Outcome", "Unimplemented")]
internal sealed class BenchEchoService
{
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Descriptor = EchoReflection.Descriptor.Services[0];

    public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Payload = request.Payload });
}
