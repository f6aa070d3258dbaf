using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Tokens.Issuance;

/// <summary>
/// Issues signed JWTs from <see cref="TokenDescriptor"/>s with the current key of a
/// <see cref="KeyRing"/> (or one fixed key, for a client signing its assertions): <c>iat</c> from the
/// <see cref="TimeProvider"/> (whole seconds), <c>exp</c> = <c>iat</c> + lifetime (none for a signed
/// statement without one), a 128-bit random <c>jti</c>. Thread-safe.
/// </summary>
public sealed class TokenIssuer
{
    private readonly Func<SigningKey> _currentKey;
    private readonly TimeProvider _time;

    public TokenIssuer(KeyRing keys, TimeProvider time)
    {
        _currentKey = () => keys.Current;
        _time = time;
    }

    /// <summary>Signs everything with <paramref name="key"/>: for clients (assertions), which do not rotate through a ring.</summary>
    public TokenIssuer(SigningKey key, TimeProvider time)
    {
        _currentKey = () => key;
        _time = time;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the descriptor is inconsistent or its <c>NotAfter</c> is not after now.</summary>
    public IssuedToken Issue(TokenDescriptor descriptor)
    {
        descriptor.Validate();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = descriptor.Lifetime is { } lifetime ? issuedAt.AddSeconds(Math.Ceiling(lifetime.TotalSeconds)) : (DateTimeOffset?)null;
        if (descriptor.NotAfter is { } notAfter)
        {
            var latest = DateTimeOffset.FromUnixTimeSeconds(notAfter.ToUnixTimeSeconds());
            if (latest <= issuedAt)
            {
                throw new ArgumentException($"{nameof(TokenDescriptor.NotAfter)} ({notAfter:u}) is not after the issue time ({issuedAt:u}); the token would be born expired.");
            }

            expiresAt = expiresAt is { } exp && exp < latest ? exp : latest;
        }

        var jwtId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var key = _currentKey();
        var token = CompactJws.Sign(key, descriptor.Kind.Type, writer => WriteClaims(writer, descriptor, issuedAt, expiresAt, jwtId));
        return new IssuedToken(token, jwtId, issuedAt, expiresAt, key.KeyId);
    }

    private static void WriteClaims(Utf8JsonWriter writer, TokenDescriptor d, DateTimeOffset issuedAt, DateTimeOffset? expiresAt, string jwtId)
    {
        writer.WriteStartObject();
        writer.WriteString(ClaimNames.Issuer, d.Issuer);
        WriteIfSet(writer, ClaimNames.Subject, d.Subject);
        if (d.SubjectIdentifier is { } subjectIdentifier)
        {
            DelegationClaims.WriteSubjectIdentifier(writer, subjectIdentifier);
        }

        if (d.Audiences.Count == 1)
        {
            writer.WriteString(ClaimNames.Audience, d.Audiences[0]);
        }
        else if (d.Audiences.Count > 1)
        {
            writer.WriteStartArray(ClaimNames.Audience);
            foreach (var audience in d.Audiences)
            {
                writer.WriteStringValue(audience);
            }

            writer.WriteEndArray();
        }

        WriteIfSet(writer, ClaimNames.ClientId, d.ClientId);
        WriteIfSet(writer, ClaimNames.Scope, d.Scopes.Count == 0 ? null : string.Join(' ', d.Scopes));
        writer.WriteNumber(ClaimNames.IssuedAt, issuedAt.ToUnixTimeSeconds());
        if (d.IncludeNotBefore)
        {
            writer.WriteNumber(ClaimNames.NotBefore, issuedAt.ToUnixTimeSeconds());
        }

        if (expiresAt is { } exp)
        {
            writer.WriteNumber(ClaimNames.ExpiresAt, exp.ToUnixTimeSeconds());
        }

        writer.WriteString(ClaimNames.JwtId, jwtId);
        DelegationClaims.WriteActors(writer, d.Actors);
        if (d.MayAct is { } mayAct)
        {
            DelegationClaims.WritePrincipal(writer, ClaimNames.MayAct, mayAct);
        }

        if (d.CertificateThumbprint is not null)
        {
            writer.WriteStartObject(ClaimNames.Confirmation);
            writer.WriteString(ClaimNames.CertificateThumbprint, d.CertificateThumbprint);
            writer.WriteEndObject();
        }

        WriteIfSet(writer, ClaimNames.Transaction, d.TransactionId);
        WriteIfSet(writer, ClaimNames.Purpose, d.Purpose);
        foreach (var (name, value) in d.ExtraClaims)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
