using System.Buffers;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Decides whether a routed call may go on (authentication, authorization). Filters run in registration order
/// before anything is sent to the agent; the first refusal ends the call with its status (Trailers-Only).
/// Register with <c>services.AddSingleton&lt;IGatewayCallFilter, MyFilter&gt;()</c>.
/// </summary>
internal interface IGatewayCallFilter
{
    /// <returns>Null to let the call go on; a non-OK status to refuse it (its detail reaches the caller).</returns>
    ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken);
}

/// <summary>
/// Sees every call's decision and outcome (audit). With at least one observer registered the gateway computes
/// SHA-256 digests of both bodies while they stream.
/// </summary>
internal interface IGatewayCallObserver
{
    /// <summary>After routing and the filters: <paramref name="refusal"/> is null when the call goes to the agent.</summary>
    void OnDecision(GatewayCall call, Status? refusal);

    /// <summary>
    /// Once the outcome is known and before the caller gets the status: trailers added with
    /// <see cref="GatewayCall.AddTrailer"/> here go out with it. Called for every call, also refused and cancelled ones.
    /// An exception (e.g. the audit record could not be written) turns the caller's status into INTERNAL while it can still be changed.
    /// </summary>
    ValueTask OnCompletingAsync(GatewayCall call, GatewayCallResult result);
}

/// <summary>Rewrites each response message before it leaves the organization (egress filter); set on <see cref="GatewayCall.ResponseFilter"/>.</summary>
internal interface IResponseMessageFilter
{
    /// <summary>Writes the payload to send in place of <paramref name="message"/> (an uncompressed protobuf payload, without the 5-byte prefix).</summary>
    /// <exception cref="RpcException">The message cannot be let out; the call ends with that status.</exception>
    void Filter(ReadOnlySequence<byte> message, IBufferWriter<byte> output);
}

/// <summary>How a call ended: the status the caller gets, how long it took, and what passed each way.</summary>
internal sealed record GatewayCallResult(Status Status, TimeSpan Duration, PayloadSummary Request, PayloadSummary Response);
