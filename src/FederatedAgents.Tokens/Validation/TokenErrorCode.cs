namespace FederatedAgents.Tokens.Validation;

/// <summary>Why a token was rejected, in machine-readable form. Every code maps to OAuth's <c>invalid_token</c>
/// (resource servers) or <c>invalid_grant</c>/<c>invalid_client</c> (authorization servers).</summary>
public enum TokenErrorCode
{
    /// <summary>Not a compact JWS: wrong shape, bad base64url, or JSON that is invalid UTF-8, has duplicate members or trailing data.</summary>
    Malformed,

    /// <summary>Longer than the configured size cap; rejected before any parsing.</summary>
    TooLarge,

    /// <summary>A JWE (five parts) or the JWS JSON serialization where a compact JWS is required.</summary>
    UnsupportedSerialization,

    /// <summary><c>alg</c> is none, HMAC, unknown, not allowed for the issuer, or not the algorithm of the key it names.</summary>
    AlgorithmNotAllowed,

    /// <summary><c>crit</c> is present; no critical extension is understood here.</summary>
    UnsupportedCriticalHeader,

    /// <summary>The header carries or points to a key (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>); keys only come from the issuer's configuration.</summary>
    EmbeddedKey,

    /// <summary><c>kid</c> is missing or has path, URL or control characters.</summary>
    InvalidKeyId,

    /// <summary>The <c>typ</c> header is not the one of the expected token kind.</summary>
    WrongType,

    /// <summary>The <c>iss</c> claim is missing, not an expected issuer, or an issuer without configured keys.</summary>
    UntrustedIssuer,

    /// <summary>The <c>aud</c> claim is missing, does not contain the expected audience, or has more values than the kind allows.</summary>
    WrongAudience,

    /// <summary>No key with the token's <c>kid</c> among the keys of the token's issuer.</summary>
    UnknownKey,

    /// <summary>The issuer's keys could not be fetched.</summary>
    KeysUnavailable,

    /// <summary>The signature does not verify (or an ECDSA signature has the wrong length or r/s out of range).</summary>
    InvalidSignature,

    /// <summary><c>exp</c> is past, beyond the clock skew.</summary>
    Expired,

    /// <summary><c>nbf</c> or <c>iat</c> is in the future, beyond the clock skew.</summary>
    NotYetValid,

    /// <summary>A claim the token kind requires is absent.</summary>
    MissingClaim,

    /// <summary>A claim has the wrong type or a value the token kind forbids.</summary>
    InvalidClaim,

    /// <summary>The token is bound to a client certificate (<c>cnf.x5t#S256</c>) that was not presented.</summary>
    CertificateMismatch,
}
