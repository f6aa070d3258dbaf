using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.Protocol;

/// <summary>Writes JSON responses: token responses and errors carry <c>Cache-Control: no-store</c> (RFC 6749 §5.1).</summary>
internal static class OAuthResponses
{
    /// <summary>Quotes and '+' stay readable in descriptions; the content type is JSON, never HTML.</summary>
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteJsonAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write, string contentType = "application/json", bool noStore = true)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        if (noStore)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, s_writerOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync();
    }

    /// <summary>
    /// An RFC 6749 §5.2 error. <c>invalid_client</c> is a 401 with a challenge per accepted client
    /// authentication method (HTTP requires one on every 401); the realm is the issuer.
    /// </summary>
    public static Task WriteErrorAsync(HttpResponse response, OAuthException error, string issuer)
    {
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = $"private_key_jwt realm=\"{issuer}\", tls_client_auth realm=\"{issuer}\"";
        }

        return WriteJsonAsync(response, error.Status, writer =>
        {
            writer.WriteString("error", error.Error);
            writer.WriteString("error_description", error.Description);
        });
    }

    public static Task WriteTokenAsync(HttpResponse response, TokenResponse token) => WriteJsonAsync(response, StatusCodes.Status200OK, writer =>
    {
        writer.WriteString("access_token", token.AccessToken);
        if (token.IssuedTokenType is not null)
        {
            writer.WriteString("issued_token_type", token.IssuedTokenType);
        }

        writer.WriteString("token_type", token.TokenType);
        writer.WriteNumber("expires_in", token.ExpiresIn);
        if (token.Scopes.Count > 0)
        {
            writer.WriteString("scope", string.Join(' ', token.Scopes));
        }
    });
}

/// <summary>A successful token response (RFC 6749 §5.1, RFC 8693 §2.2.1); never with a refresh token.</summary>
internal sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, IReadOnlyList<string> Scopes, string? IssuedTokenType = null);
