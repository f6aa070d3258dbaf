using Microsoft.AspNetCore.Builder;

namespace FederatedAgents.Grpc.AspNetCore;

/// <summary>Applies endpoint conventions (authorization, metadata, ...) to every method endpoint of a mapped service.</summary>
public sealed class GrpcServiceEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly IReadOnlyList<IEndpointConventionBuilder> _methods;

    internal GrpcServiceEndpointConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> methods) => _methods = methods;

    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var method in _methods)
        {
            method.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var method in _methods)
        {
            method.Finally(finallyConvention);
        }
    }
}
