namespace FederatedAgents.Grpc.Client;

/// <summary>What the public call objects need from a running call, whatever its request type.</summary>
internal interface ICallState : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
