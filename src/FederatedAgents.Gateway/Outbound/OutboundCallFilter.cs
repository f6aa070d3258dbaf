using System.Security.Cryptography;
using FederatedAgents.Authority.Client;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>
/// For a local caller's call addressed to a partner: takes the caller's validated token (authentication's, or
/// validates it here), runs identity chaining for the partner and sets <see cref="GatewayCall.Outbound"/>. Refuses with
/// UNAUTHENTICATED (no or invalid token), PERMISSION_DENIED (an authority refused the chain, e.g. a missing scope)
/// or UNAVAILABLE (an authority unreachable). Calls for local agents pass untouched.
/// </summary>
/// <remarks>
/// With the egress filter registered, request messages leave with their classified fields removed unless the caller's
/// token grants their disclosure; a method the gateway has no descriptor for is refused (UNIMPLEMENTED), never sent unfiltered.
/// </remarks>
internal sealed partial class OutboundCallFilter(IdentityChaining chaining, ILogger<OutboundCallFilter> logger, EgressFilter? egress = null) : IGatewayCallFilter
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken)
    {
        if (call.OutboundTarget is not { } partner)
        {
            return null;
        }

        var authorization = call.HttpContext.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new Status(StatusCode.Unauthenticated, $"A call to partner '{partner}' needs the caller's access token from this organization's authority: send 'authorization: Bearer <token>'.");
        }

        var token = authorization[BearerPrefix.Length..].Trim();
        if (call.Identity is null)
        {
            var validation = await chaining.Validator.ValidateAsync(token, cancellationToken);
            if (!validation.IsValid)
            {
                return new Status(StatusCode.Unauthenticated, $"The access token is not valid at this gateway: {validation.Error.Description}.");
            }

            call.Identity = validation.Token;
        }

        var issuer = call.Snapshot.Config.Partners.First(p => p.Name == partner).Authority.Issuer.OriginalString;
        try
        {
            var partnerToken = await chaining.GetPartnerTokenAsync(token, call.Identity, partner, issuer).WaitAsync(cancellationToken);
            call.Outbound = new OutboundHop(partner, partnerToken.AccessToken, TraceParentOf(call));
            return FilterRequest(call);
        }
        catch (AuthorityRequestException e) when (e.Error is not null)
        {
            Log.ChainRefused(logger, call.Method, partner, e.Error, e.ErrorDescription);
            return new Status(StatusCode.PermissionDenied, $"Partner '{partner}' cannot be called with this token: {e.Error} ({e.ErrorDescription ?? e.Message}).");
        }
        catch (Exception e) when (e is AuthorityRequestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.ChainFailed(logger, call.Method, partner, e);
            return new Status(StatusCode.Unavailable, $"The token exchange for partner '{partner}' failed; retry later.");
        }
    }

    /// <summary>Sets the request filter the caller's scopes call for; a status when the method cannot be filtered.</summary>
    private Status? FilterRequest(GatewayCall call)
    {
        if (egress is null)
        {
            return null;
        }

        IMessageFilter messages;
        try
        {
            messages = egress.For(call.Method, MessageDirection.Request, Disclosure.VisibleTo(call.Identity!.Scopes));
        }
        catch (RpcException e)
        {
            return e.Status;
        }

        if (messages is not PassThroughFilter)
        {
            var encoding = call.HttpContext.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
            call.RequestFilter = new EgressFrameFilter(messages, MessageCompression.Providers.GetValueOrDefault(encoding), GrpcProtocol.DefaultMaxReceiveMessageSize);
        }

        return null;
    }

    /// <summary>The caller's W3C <c>traceparent</c> when it sent a well-formed one; otherwise a new trace.</summary>
    private static string TraceParentOf(GatewayCall call)
    {
        var sent = call.HttpContext.Request.Headers[FederationMetadata.TraceParent].ToString();
        if (sent.Length == 55 && sent.StartsWith("00-", StringComparison.Ordinal) && sent[35] == '-' && sent[52] == '-')
        {
            return sent;
        }

        Span<byte> ids = stackalloc byte[24];
        RandomNumberGenerator.Fill(ids);
        return $"00-{Convert.ToHexStringLower(ids[..16])}-{Convert.ToHexStringLower(ids[16..])}-01";
    }

    private static partial class Log
    {
        [LoggerMessage(4100, LogLevel.Information, "Call {Method} to partner {Partner} refused by an authority: {Error} {Description}")]
        public static partial void ChainRefused(ILogger logger, string method, string partner, string error, string? description);

        [LoggerMessage(4101, LogLevel.Warning, "Call {Method} to partner {Partner}: the token exchange failed.")]
        public static partial void ChainFailed(ILogger logger, string method, string partner, Exception exception);
    }
}
