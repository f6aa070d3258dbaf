using System.Buffers;
using System.Text;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Validation;

public sealed partial class TokenValidator
{
    private const int StackSigningInputLimit = 4096;

    private TokenError? CheckIssuer(JwtClaims claims)
    {
        if (claims.Issuer is null)
        {
            return new TokenError(TokenErrorCode.UntrustedIssuer, "the token has no 'iss' claim");
        }

        return _issuers is null || _issuers.Contains(claims.Issuer)
            ? null
            : new TokenError(TokenErrorCode.UntrustedIssuer, $"issuer '{claims.Issuer}' is not accepted here; expected {string.Join(" or ", _issuers.Select(i => $"'{i}'"))}");
    }

    private TokenError? CheckAudience(JwtClaims claims)
    {
        if (Options.AcceptAnyAudience)
        {
            return claims.Audiences.Count == 0 && Options.Kind.RequiresAudience
                ? new TokenError(TokenErrorCode.WrongAudience, $"the token has no 'aud' claim; a {Options.Kind.Name} must name its audience")
                : null;
        }

        if (Options.Audience is null)
        {
            return null;
        }

        if (claims.Audiences.Count == 0)
        {
            return new TokenError(TokenErrorCode.WrongAudience, $"the token has no 'aud' claim; it must name '{Options.Audience}'");
        }

        if (!claims.Audiences.Contains(Options.Audience))
        {
            return new TokenError(TokenErrorCode.WrongAudience, $"the token is for {string.Join(", ", claims.Audiences.Select(a => $"'{a}'"))}, not '{Options.Audience}'");
        }

        return Options.Kind.RequiresSingleAudience && claims.Audiences.Count > 1
            ? new TokenError(TokenErrorCode.WrongAudience, $"a {Options.Kind.Name} must name exactly one audience; this one names {claims.Audiences.Count}")
            : null;
    }

    /// <summary>The key of THIS issuer named by kid, refetching the issuer's keys once if it is unknown; its algorithm must be the token's.</summary>
    private async ValueTask<(JsonWebKey? Key, TokenError? Error)> FindKeyAsync(string issuer, ParsedJws jws, CancellationToken cancellationToken)
    {
        var keys = await _keys.GetKeysAsync(issuer, cancellationToken);
        if (keys is null)
        {
            return (null, new TokenError(TokenErrorCode.UntrustedIssuer, $"issuer '{issuer}' is not trusted: no keys are configured for it"));
        }

        if (!keys.Allows(jws.Algorithm))
        {
            return (null, new TokenError(
                TokenErrorCode.AlgorithmNotAllowed,
                $"issuer '{issuer}' is allowed {string.Join(", ", keys.AllowedAlgorithms)}; the token uses {jws.Algorithm}"));
        }

        if (!keys.Keys.TryFindKey(jws.KeyId, out var key))
        {
            keys = await _keys.RefreshKeysAsync(issuer, cancellationToken) ?? keys;
            if (!keys.Keys.TryFindKey(jws.KeyId, out key))
            {
                return (null, keys.Problem is { } problem
                    ? new TokenError(TokenErrorCode.KeysUnavailable, $"issuer '{issuer}' has no key '{jws.KeyId}' in hand and its keys could not be refreshed: {problem}")
                    : new TokenError(TokenErrorCode.UnknownKey, $"issuer '{issuer}' has no key '{jws.KeyId}'"));
            }
        }

        return key.Algorithm == jws.Algorithm
            ? (key, null)
            : (null, new TokenError(
                TokenErrorCode.AlgorithmNotAllowed,
                $"key '{key.KeyId}' of issuer '{issuer}' is an {key.Algorithm} key; the token claims {jws.Algorithm} (one algorithm per key)"));
    }

    private static TokenError? CheckSignature(string token, ParsedJws jws, JsonWebKey key)
    {
        var length = jws.SigningInputLength;
        byte[]? rented = null;
        var input = length <= StackSigningInputLimit
            ? stackalloc byte[length]
            : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Encoding.ASCII.GetBytes(token.AsSpan(0, length), input);
            return key.Verify(input, jws.Signature)
                ? null
                : new TokenError(TokenErrorCode.InvalidSignature, $"the signature does not verify with key '{key.KeyId}'");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private TokenError? CheckTimes(JwtClaims claims, out DateTimeOffset now)
    {
        now = Time.GetUtcNow();
        var skew = Options.ClockSkew;
        if (claims.ExpiresAt is null && Options.Kind.RequiresExpiry)
        {
            return new TokenError(TokenErrorCode.MissingClaim, $"a {Options.Kind.Name} must have an 'exp' claim");
        }

        if (claims.ExpiresAt is { } expiresAt && now >= expiresAt + skew)
        {
            return new TokenError(TokenErrorCode.Expired, $"the token expired at {expiresAt:u} (now {now:u}, clock skew {skew.TotalSeconds:0} s)");
        }

        if (claims.NotBefore is { } notBefore && notBefore > now + skew)
        {
            return new TokenError(TokenErrorCode.NotYetValid, $"the token is not valid before {notBefore:u} (now {now:u}, clock skew {skew.TotalSeconds:0} s)");
        }

        return claims.IssuedAt is { } issuedAt && issuedAt > now + skew
            ? new TokenError(TokenErrorCode.NotYetValid, $"the token claims to be issued at {issuedAt:u}, in the future (now {now:u}, clock skew {skew.TotalSeconds:0} s)")
            : null;
    }
}
