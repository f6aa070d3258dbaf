using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Grpc.Tests.Server;

/// <summary>
/// Implements only Echo.Unary: reports the <see cref="ServerCallContext"/> it got (under the request's
/// message). For message "set-status" it sets a non-OK status on the context instead of throwing; for
/// "compress" it asks for gzip responses.
/// </summary>
[UnimplementedMethods("ServerStream", "ClientStream", "Duplex")]
[UnimplementedMethods("Unimplemented", "Outcome")]
public sealed class ContextProbeService(CallObserver observer) : IDisposable
{
    private string? _tag;

    public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)
    {
        _tag = request.Message;
        observer.Signal("context", request.Message, new Snapshot(
            context.Method, context.Host, context.Peer, context.Deadline, [.. context.RequestHeaders],
            context.GetHttpContext().Request.Path.Value, context.CancellationToken.CanBeCanceled));
        if (request.Message == "set-status")
        {
            context.Status = new Status(StatusCode.FailedPrecondition, "set on the context");
        }

        if (request.Message == "compress")
        {
            context.ResponseCompressionAlgorithm = "gzip";
        }

        return Task.FromResult(new EchoResponse { Message = request.Message });
    }

    public void Dispose() => observer.Signal("disposed", _tag ?? "");

    public sealed record Snapshot(
        string Method, string Host, string Peer, DateTime Deadline, IReadOnlyList<Metadata.Entry> RequestHeaders, string? Path, bool CanBeCancelled);
}
