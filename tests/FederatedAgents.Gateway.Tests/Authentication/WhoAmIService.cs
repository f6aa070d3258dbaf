using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Testing.Echo;

namespace FederatedAgents.Gateway.Tests.Authentication;

/// <summary>A host's own gRPC service (Echo's Unary only): answers with the claims of the call's <c>HttpContext.User</c>, one <c>type=value</c> per line.</summary>
[UnimplementedMethods("ServerStream", "ClientStream", "Duplex", "Outcome", "Unimplemented")]
public sealed class WhoAmIService
{
    public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        return Task.FromResult(new EchoResponse { Message = string.Join('\n', user.Claims.Select(claim => $"{claim.Type}={claim.Value}")) });
    }
}
