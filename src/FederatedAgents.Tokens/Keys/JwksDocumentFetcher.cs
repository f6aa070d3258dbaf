using System.Net;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Keys;

/// <summary>One bounded GET of a JWKS document: a timeout, a size cap, a success status and a parsable set.</summary>
internal sealed class JwksDocumentFetcher
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly JwksResolverOptions _options;

    public JwksDocumentFetcher(HttpClient http, TimeProvider time, JwksResolverOptions options)
    {
        _http = http;
        _time = time;
        _options = options;
    }

    /// <summary>The fetched set, or null with a description of what failed.</summary>
    public async Task<(JsonWebKeySet? Keys, string? Problem)> FetchAsync(Uri jwksUri)
    {
        using var timeout = new CancellationTokenSource(_options.FetchTimeout, _time);
        try
        {
            using var response = await _http.GetAsync(jwksUri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"GET {jwksUri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var body = await ReadBoundedAsync(response.Content, timeout.Token);
            return body is null
                ? (null, $"the JWKS at {jwksUri} is larger than {_options.MaxDocumentBytes} bytes")
                : (JsonWebKeySet.Parse(body), null);
        }
        catch (OperationCanceledException)
        {
            return (null, $"GET {jwksUri} did not complete within {_options.FetchTimeout.TotalSeconds:0.#} s (or the HttpClient's own timeout)");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (null, $"GET {jwksUri} failed: {e.Message}");
        }
        catch (FormatException e)
        {
            return (null, $"the document at {jwksUri} is not a usable JWKS: {e.Message}");
        }
    }

    private async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxDocumentBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxDocumentBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
