using FederatedAgents.Grpc.AspNetCore.Calls;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.AspNetCore;

/// <summary>Reaches ASP.NET Core from a gRPC handler.</summary>
public static class ServerCallContextExtensions
{
    /// <summary>
    /// The call's <see cref="HttpContext"/>: client certificate, authentication result, features. Throws when
    /// the context was not created by this server (e.g. a test double).
    /// </summary>
    public static HttpContext GetHttpContext(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context as HttpServerCallContext)?.HttpContext
            ?? throw new InvalidOperationException($"{context.GetType().Name} is not an ASP.NET Core call context; it has no HttpContext.");
    }
}
