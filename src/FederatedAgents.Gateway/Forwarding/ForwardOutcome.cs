using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>How forwarding one call ended, and what is left to send to the caller.</summary>
/// <param name="Status">The call's status, as the caller gets it.</param>
/// <param name="Sent">True when the agent's own status has been copied to the caller already (trailers or Trailers-Only).</param>
/// <param name="ResponseStarted">True once the agent's response headers were copied: a status still to send goes in trailers.</param>
/// <param name="CallerGone">The caller reset the call or disconnected: nothing can be sent any more.</param>
internal readonly record struct ForwardOutcome(Status Status, bool Sent, bool ResponseStarted, bool CallerGone);
