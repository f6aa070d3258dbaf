namespace FederatedAgents.Grpc.Interop.Tests;

/// <summary>How a case reaches its server: HTTP/2 in clear text with prior knowledge, or TLS with ALPN h2.</summary>
public enum Transport
{
    H2c,
    Tls,
}
