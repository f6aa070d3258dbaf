using FederatedAgents.Audit.Receipts;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Tokens.Jose;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>
/// After a call to a partner: reads the partner's audit receipt from the response trailers (or the headers of a
/// Trailers-Only answer), verifies it with the partner's audit keys (issuer = the partner, audience = this
/// organization) and keeps the result on <see cref="OutboundHop.Receipt"/> for the audit record. A successful call
/// without a valid receipt fails with INTERNAL when the partner's <c>RequireReceipt</c> says so.
/// </summary>
internal sealed partial class ReceiptCheckObserver : IGatewayCallObserver
{
    private readonly OutboundConfig _config;
    private readonly AuditReceiptVerifier _verifier;
    private readonly ILogger<ReceiptCheckObserver> _logger;

    public ReceiptCheckObserver(OutboundConfig config, TimeProvider time, ILogger<ReceiptCheckObserver> logger)
    {
        _config = config;
        _logger = logger;
        _verifier = new AuditReceiptVerifier(
            config.Partners.ToDictionary(p => p.Name, p => JsonWebKeySet.Parse(File.ReadAllText(p.AuditKeysFile))), time);
    }

    public void OnDecision(GatewayCall call, Status? refusal)
    {
    }

    public async ValueTask OnCompletingAsync(GatewayCall call, GatewayCallResult result)
    {
        if (call.Outbound is not { } hop || call.Route is null)
        {
            return;
        }

        var trailers = call.HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var token = trailers?[FederationMetadata.AuditReceipt].ToString() is { Length: > 0 } inTrailers
            ? inTrailers
            : call.HttpContext.Response.Headers[FederationMetadata.AuditReceipt].ToString();
        hop.Receipt = token.Length == 0
            ? AuditReceiptResult.Failure($"partner '{hop.Partner}' returned no audit receipt")
            : await _verifier.VerifyAsync(token, hop.Partner, _config.Organization);
        if (hop.Receipt.IsValid)
        {
            return;
        }

        Log.ReceiptRejected(_logger, call.Method, hop.Partner, hop.Receipt.Problem);
        if (result.Status.StatusCode == StatusCode.OK && _config.Partner(hop.Partner)?.RequireReceipt != false && trailers is not null)
        {
            hop.VoidedStatus = new Status(StatusCode.Internal, $"The call to partner '{hop.Partner}' is void: {hop.Receipt.Problem}; this gateway requires its signed audit receipt.");
            trailers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            trailers[GrpcProtocol.MessageTrailer] = GrpcMessageEncoding.Encode(hop.VoidedStatus.Value.Detail);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4102, LogLevel.Warning, "Call {Method} to partner {Partner}: audit receipt rejected: {Problem}")]
        public static partial void ReceiptRejected(ILogger logger, string method, string partner, string problem);
    }
}
