using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FederatedAgents.Certificates.Trust;

namespace FederatedAgents.Authority.Client;

/// <summary>HTTP for talking to authorities: a handler for mutual TLS with a private CA, and JSON with OAuth errors turned into exceptions.</summary>
public static class AuthorityHttp
{
    private const int MaxResponseBytes = 256 * 1024;

    /// <summary>
    /// A handler that presents <paramref name="clientCertificate"/> (for <c>tls_client_auth</c> and certificate-bound
    /// tokens) and, when <paramref name="trustedAuthority"/> is given, trusts servers only under that CA instead of the system store.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2? clientCertificate = null, X509Certificate2? trustedAuthority = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, UseCookies = false };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        if (trustedAuthority is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = new CertificateTrust(trustedAuthority).CreateCallback(CertificateUsage.Server);
        }

        return handler;
    }

    internal static async Task<JsonDocument> GetJsonAsync(HttpClient http, Uri location, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        return await SendAsync(http, request, cancellationToken)
            ?? throw new AuthorityRequestException($"GET {location} answered without a JSON object.");
    }

    /// <summary>
    /// Sends and parses a JSON object (null for a success without a body); a non-success status becomes an
    /// <see cref="AuthorityRequestException"/> with the OAuth error it carried.
    /// </summary>
    internal static async Task<JsonDocument?> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AuthorityRequestException($"{request.Method} {request.RequestUri} failed: {e.Message}{(e.InnerException is { } inner ? $" ({inner.Message})" : "")}", inner: e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            JsonDocument? document = null;
            try
            {
                document = body.Length is > 0 and <= MaxResponseBytes ? JsonDocument.Parse(body) : null;
            }
            catch (JsonException)
            {
            }

            if (response.IsSuccessStatusCode && (body.Length == 0 || document?.RootElement.ValueKind == JsonValueKind.Object))
            {
                return document;
            }

            using (document)
            {
                var error = Member(document, "error");
                var description = Member(document, "error_description");
                var status = (int)response.StatusCode;
                throw error is not null
                    ? new AuthorityRequestException($"{error}: {description ?? "(no description)"}", status, error, description)
                    : new AuthorityRequestException($"{request.Method} {request.RequestUri} answered {status} {response.ReasonPhrase} without an OAuth error.", status);
            }
        }
    }

    private static string? Member(JsonDocument? document, string name) =>
        document?.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
