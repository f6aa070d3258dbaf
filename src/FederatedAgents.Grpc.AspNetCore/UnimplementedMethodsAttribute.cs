namespace FederatedAgents.Grpc.AspNetCore;

/// <summary>
/// Names methods of the service's descriptor that this class deliberately does not implement; calls to
/// them get UNIMPLEMENTED instead of failing the mapping for a missing method.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class UnimplementedMethodsAttribute : Attribute
{
    public UnimplementedMethodsAttribute(params string[] methodNames) => MethodNames = methodNames;

    /// <summary>Method names as written in the proto (e.g. <c>UnimplementedCall</c>).</summary>
    public IReadOnlyList<string> MethodNames { get; }
}
