using System.Net;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// The baseline MEASURING.md names: the least a Kestrel→SocketsHttpHandler forwarder does for a unary gRPC call
/// (request body as a stream, response headers, body and trailers copied). No routing, limits, health, deadline or checks.
/// </summary>
internal sealed class MinimalForwarder(Uri agent) : IDisposable
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false });

    public async Task ForwardAsync(HttpContext context)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(agent, context.Request.Path.Value))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamContent(context.Request.Body),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", context.Request.ContentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _invoker.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            context.Response.Headers[name] = values.ToString();
        }

        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        foreach (var (name, values) in response.TrailingHeaders.NonValidated)
        {
            context.Response.AppendTrailer(name, values.ToString());
        }
    }

    public void Dispose() => _invoker.Dispose();
}
