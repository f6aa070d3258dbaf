using FederatedAgents.Grpc.Health;

namespace FederatedAgents.Grpc.Tests;

public class MethodTests
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor s_health = HealthReflection.Descriptor.Services[0];

    [Fact]
    public void FromDescriptor_ServerStreamingMethod_HasPathAndShape()
    {
        var watch = Method.FromDescriptor<HealthCheckRequest, HealthCheckResponse>(s_health.FindMethodByName("Watch"));

        Assert.Equal("/grpc.health.v1.Health/Watch", watch.FullName);
        Assert.Equal(MethodType.ServerStreaming, watch.Type);
    }

    [Fact]
    public void FromDescriptor_WrongClrType_NamesTheMismatch()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Method.FromDescriptor<HealthCheckResponse, HealthCheckResponse>(s_health.FindMethodByName("Check")));

        Assert.Contains("grpc.health.v1.HealthCheckRequest", ex.Message);
        Assert.Contains("request", ex.Message);
    }
}
