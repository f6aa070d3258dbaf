using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// The agent's response headers and trailers, copied to the caller's response as received (minus hop-by-hop
/// headers), and the status they carry. A response that is over with its headers (Trailers-Only, or not gRPC
/// at all) is recognized here, before anything is sent to the caller.
/// </summary>
internal static class ResponseHeaders
{
    /// <summary>
    /// Checks the agent's response headers. Returns null for a gRPC response whose messages and trailers follow
    /// (its headers are then copied). Otherwise returns the call's status: for a Trailers-Only answer the headers
    /// are copied as they are (<paramref name="passedThrough"/>); for a non-gRPC answer the status is synthesized.
    /// </summary>
    public static Status? Accept(HttpResponseMessage upstream, HttpResponse response, string agent, out bool passedThrough)
    {
        passedThrough = false;
        if (ReadStatus(upstream.Headers) is { } trailersOnly)
        {
            passedThrough = TryCopy(upstream, response);
            return passedThrough ? trailersOnly : Uncopyable(agent);
        }

        if (upstream.StatusCode != HttpStatusCode.OK)
        {
            var code = (int)upstream.StatusCode;
            return new Status(HttpStatusMapping.ToStatusCode(code), $"Agent '{agent}' answered HTTP {code} without a gRPC status.");
        }

        upstream.Content.Headers.NonValidated.TryGetValues(HeaderNames.ContentType, out var contentType);
        if (!GrpcProtocol.IsGrpcContentType(contentType.ToString()))
        {
            return new Status(HttpStatusMapping.ToStatusCode(200), $"Agent '{agent}' answered with content-type '{contentType}', which is not gRPC.");
        }

        return TryCopy(upstream, response) ? null : Uncopyable(agent);
    }

    /// <summary>
    /// Copies the trailers once the body has ended; true with their status when they are a gRPC status. False with a
    /// synthesized status (nothing copied) when <c>grpc-status</c> is missing or a trailer cannot be forwarded.
    /// </summary>
    public static bool TryCopyTrailers(HttpResponseMessage upstream, IHeaderDictionary trailers, string agent, out Status status)
    {
        if (ReadStatus(upstream.TrailingHeaders) is not { } received)
        {
            status = new Status(HttpStatusMapping.ToStatusCode(200), $"Agent '{agent}' ended its response without a gRPC status.");
            return false;
        }

        try
        {
            CopyAll(upstream.TrailingHeaders, trailers);
            status = received;
            return true;
        }
        catch (InvalidOperationException)
        {
            trailers.Clear();
            status = Uncopyable(agent);
            return false;
        }
    }

    /// <summary>The <c>grpc-status</c> and decoded <c>grpc-message</c> among <paramref name="headers"/>; null when there is none.</summary>
    private static Status? ReadStatus(HttpHeaders headers)
    {
        var nonValidated = headers.NonValidated;
        if (!nonValidated.TryGetValues(GrpcProtocol.StatusTrailer, out var values))
        {
            return null;
        }

        var detail = nonValidated.TryGetValues(GrpcProtocol.MessageTrailer, out var message) ? GrpcMessageEncoding.Decode(message.ToString()) : "";
        return int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, detail)
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{values}'. {detail}".TrimEnd());
    }

    private static bool TryCopy(HttpResponseMessage upstream, HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        try
        {
            CopyAll(upstream.Headers, response.Headers);
            CopyAll(upstream.Content.Headers, response.Headers);
            return true;
        }
        catch (InvalidOperationException)
        {
            response.Headers.Clear();
            return false;
        }
    }

    private static Status Uncopyable(string agent) =>
        new(StatusCode.Internal, $"Agent '{agent}' sent a header the gateway cannot forward.");

    /// <exception cref="InvalidOperationException">A value the caller's connection cannot carry (Kestrel refuses control characters).</exception>
    private static void CopyAll(HttpHeaders source, IHeaderDictionary target)
    {
        foreach (var (name, values) in source.NonValidated)
        {
            if (IsHopByHop(name))
            {
                continue;
            }

            target[name] = values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);
        }
    }

    /// <summary>Hop-by-hop headers, and the agent's <c>alt-svc</c>, which would advertise an address callers cannot reach.</summary>
    private static bool IsHopByHop(string name) =>
        HopByHopHeaders.Contains(name) || name.Equals(HeaderNames.AltSvc, StringComparison.OrdinalIgnoreCase);
}
