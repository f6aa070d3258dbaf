using System.Text.Json;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Validation;

/// <summary>The registered claims of a JWT (RFC 7519 §4.1, RFC 9068 §2.2), each type-checked.</summary>
internal sealed class JwtClaims
{
    /// <summary>Seconds since 1970 of 9999-12-31T23:59:59Z, the last instant a DateTimeOffset holds.</summary>
    private const long MaxNumericDate = 253402300799;

    public string? Issuer { get; private init; }

    public string? Subject { get; private init; }

    /// <summary>Empty when <c>aud</c> is absent.</summary>
    public IReadOnlyList<string> Audiences { get; private init; } = [];

    public DateTimeOffset? ExpiresAt { get; private init; }

    public DateTimeOffset? NotBefore { get; private init; }

    public DateTimeOffset? IssuedAt { get; private init; }

    public string? JwtId { get; private init; }

    public string? ClientId { get; private init; }

    /// <summary>The space-delimited <c>scope</c> claim, split; empty when absent.</summary>
    public IReadOnlyList<string> Scopes { get; private init; } = [];

    public static JwtClaims? Read(JsonElement payload, out TokenError? error)
    {
        string? problem = null;
        var claims = new JwtClaims
        {
            Issuer = String(payload, ClaimNames.Issuer, ref problem),
            Subject = String(payload, ClaimNames.Subject, ref problem),
            Audiences = Audience(payload, ref problem),
            ExpiresAt = NumericDate(payload, ClaimNames.ExpiresAt, ref problem),
            NotBefore = NumericDate(payload, ClaimNames.NotBefore, ref problem),
            IssuedAt = NumericDate(payload, ClaimNames.IssuedAt, ref problem),
            JwtId = String(payload, ClaimNames.JwtId, ref problem),
            ClientId = String(payload, ClaimNames.ClientId, ref problem),
            Scopes = String(payload, ClaimNames.Scope, ref problem)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        };

        error = problem is null ? null : new TokenError(TokenErrorCode.InvalidClaim, problem);
        return problem is null ? claims : null;
    }

    private static string? String(JsonElement payload, string name, ref string? problem)
    {
        if (StrictJson.TryGetOptionalString(payload, name, out var value) && value is not "")
        {
            return value;
        }

        problem ??= $"claim '{name}' must be a non-empty string";
        return null;
    }

    private static string[] Audience(JsonElement payload, ref string? problem)
    {
        if (!payload.TryGetProperty(ClaimNames.Audience, out var aud))
        {
            return [];
        }

        if (StrictJson.TryGetString(aud, out var single) && single.Length > 0)
        {
            return [single];
        }

        var values = aud.ValueKind == JsonValueKind.Array
            ? aud.EnumerateArray().Select(e => StrictJson.TryGetString(e, out var v) && v.Length > 0 ? v : null).ToArray()
            : null;
        if (values is { Length: > 0 } && values.All(v => v is not null))
        {
            return values!;
        }

        problem ??= "claim 'aud' must be a non-empty string or a non-empty array of non-empty strings";
        return [];
    }

    private static DateTimeOffset? NumericDate(JsonElement payload, string name, ref string? problem)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is >= 0 and <= MaxNumericDate)
        {
            return DateTimeOffset.UnixEpoch.AddSeconds(Math.Floor(seconds));
        }

        problem ??= $"claim '{name}' must be a NumericDate (seconds since 1970-01-01T00:00:00Z)";
        return null;
    }
}
