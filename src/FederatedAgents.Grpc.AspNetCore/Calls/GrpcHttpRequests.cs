using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>
/// What a host serving gRPC on Kestrel does with a request before the gRPC part: requests that are not gRPC at
/// all get a plain HTTP answer (PROTOCOL-HTTP2.md: an HTTP status and a text body saying what to change, never a
/// gRPC status), and gRPC requests get Kestrel's body limits lifted. Public for hosts that front gRPC themselves.
/// </summary>
public static class GrpcHttpRequests
{
    /// <summary>415 for a content type other than <c>application/grpc[+proto]</c>.</summary>
    public static Task WriteUnsupportedMediaTypeAsync(HttpResponse response, string? contentType)
    {
        response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync($"Content-Type '{contentType}' is not supported; gRPC requests use {GrpcProtocol.ContentType}.");
    }

    /// <summary>426 with the protocol to upgrade to, for a request that did not use HTTP/2 or HTTP/3.</summary>
    public static Task WriteHttp2RequiredAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status426UpgradeRequired;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.Upgrade = http.Request.IsHttps ? "h2" : "h2c";
        return response.WriteAsync($"gRPC needs HTTP/2; this request used {http.Request.Protocol}.");
    }

    /// <summary>True for HTTP/2 and HTTP/3, the versions gRPC runs on.</summary>
    public static bool IsHttp2OrLater(string protocol) => HttpProtocol.IsHttp2(protocol) || HttpProtocol.IsHttp3(protocol);

    /// <summary>Calls are long-lived streams: Kestrel's body size cap and minimum data rate do not apply to them.</summary>
    public static void LiftRequestLimits(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }
}
