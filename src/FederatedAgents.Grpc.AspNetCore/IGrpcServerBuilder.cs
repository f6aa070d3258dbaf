namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddGrpc()</c> for further gRPC server configuration.</summary>
public interface IGrpcServerBuilder
{
    IServiceCollection Services { get; }
}

internal sealed class GrpcServerBuilder(IServiceCollection services) : IGrpcServerBuilder
{
    public IServiceCollection Services { get; } = services;
}
