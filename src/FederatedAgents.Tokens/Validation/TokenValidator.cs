using System.Collections.Frozen;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Tokens.Validation;

/// <summary>
/// The one JWT validator: strict, explicit, one kind per instance. In order: size cap, compact
/// JWS structure, header rules (alg, crit, embedded keys, kid), <c>typ</c> of the kind, exact
/// issuer, audience, signature with an algorithm the issuer allows and a key of that issuer,
/// <c>exp</c>/<c>nbf</c>/<c>iat</c> within the clock skew, then the kind's own claims. The first
/// failure is returned as a <see cref="TokenError"/>; nothing throws for a bad token.
/// Thread-safe; build one per kind and audience and share it.
/// </summary>
public sealed partial class TokenValidator : ITokenValidator
{
    private readonly IIssuerKeyResolver _keys;
    private readonly FrozenSet<string>? _issuers;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="options"/> are inconsistent, naming the option.</summary>
    public TokenValidator(TokenValidatorOptions options, IIssuerKeyResolver keys, TimeProvider time)
    {
        options.Validate();
        Options = options;
        Time = time;
        _keys = keys;
        _issuers = options.Issuers?.ToFrozenSet(StringComparer.Ordinal);
    }

    public TokenValidatorOptions Options { get; }

    internal TimeProvider Time { get; }

    public async ValueTask<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        var jws = CompactJwsParser.Parse(token ?? "", Options.MaxTokenLength, out var error);
        if (jws is null)
        {
            return TokenValidationResult.Failure(error!);
        }

        if (!Options.Kind.MatchesType(jws.Type))
        {
            return TokenValidationResult.Failure(
                TokenErrorCode.WrongType,
                $"typ is {(jws.Type is null ? "missing" : $"'{jws.Type}'")}; a {Options.Kind.Name} must have typ '{Options.Kind.Type}'");
        }

        var claims = JwtClaims.Read(jws.Payload, out error);
        error ??= CheckIssuer(claims!) ?? CheckAudience(claims!);
        if (error is not null)
        {
            return TokenValidationResult.Failure(error);
        }

        var (key, keyError) = await FindKeyAsync(claims!.Issuer!, jws, cancellationToken);
        error = keyError
            ?? CheckSignature(token!, jws, key!)
            ?? CheckTimes(claims, out var now)
            ?? Options.Kind.CheckClaims(claims, Options, now);
        return error is null ? Accept(jws, claims, key!) : TokenValidationResult.Failure(error);
    }

    private TokenValidationResult Accept(ParsedJws jws, JwtClaims claims, JsonWebKey key)
    {
        DelegationChain? chain = null;
        if (claims.Subject is not null)
        {
            chain = DelegationClaims.ReadChain(jws.Payload, new Principal(claims.Subject, claims.Issuer!), claims.Scopes, out var problem);
            if (chain is null)
            {
                return TokenValidationResult.Failure(TokenErrorCode.InvalidClaim, problem!);
            }
        }

        return TokenValidationResult.Success(new ValidatedToken
        {
            Kind = Options.Kind,
            Issuer = claims.Issuer!,
            Subject = claims.Subject,
            Audiences = claims.Audiences,
            ClientId = claims.ClientId,
            JwtId = claims.JwtId,
            IssuedAt = claims.IssuedAt,
            NotBefore = claims.NotBefore,
            ExpiresAt = claims.ExpiresAt,
            Chain = chain,
            Scopes = claims.Scopes,
            KeyId = key.KeyId,
            Algorithm = key.Algorithm,
            Claims = jws.Payload,
        });
    }
}
