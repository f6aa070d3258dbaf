namespace FederatedAgents.Grpc;

/// <summary>The four call shapes, derived from a method's <c>stream</c> keywords.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}
