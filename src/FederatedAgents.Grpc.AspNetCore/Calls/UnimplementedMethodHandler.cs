namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>A method the service deliberately leaves out (<see cref="UnimplementedMethodsAttribute"/>): UNIMPLEMENTED.</summary>
internal sealed class UnimplementedMethodHandler : ServerCallHandler
{
    public UnimplementedMethodHandler(string method, ServerSettings server)
        : base(method, server)
    {
    }

    protected override Task HandleCallCoreAsync(HttpServerCallContext call) =>
        throw new RpcException(StatusCode.Unimplemented, $"Method {Method} is not implemented by this server.");
}
