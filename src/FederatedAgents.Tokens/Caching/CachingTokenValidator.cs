using System.Buffers;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Caching;

/// <summary>
/// A <see cref="TokenValidator"/> with a bounded cache of successful validations keyed by the
/// SHA-256 of the token, each kept until the token's <c>exp</c> (by the validator's
/// <see cref="TimeProvider"/>). A hit costs one hash and one lookup instead of a signature
/// verification. Rejections are never cached. Over-long or non-ASCII input bypasses the cache
/// and is rejected by the validator. One cache per validator, so kind and audience always match.
/// </summary>
public sealed class CachingTokenValidator : ITokenValidator
{
    /// <summary>Default number of cached validations (~1–2 KiB each).</summary>
    public const int DefaultCapacity = 10_000;

    private static readonly SearchValues<char> s_compactJwsText =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private readonly TokenValidator _inner;

    public CachingTokenValidator(TokenValidator inner, int capacity = DefaultCapacity)
    {
        _inner = inner;
        Cache = new ValidatedTokenCache(capacity, inner.Time);
    }

    internal ValidatedTokenCache Cache { get; }

    public ValueTask<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token is null || token.Length > _inner.Options.MaxTokenLength || token.AsSpan().ContainsAnyExcept(s_compactJwsText))
        {
            return _inner.ValidateAsync(token!, cancellationToken);
        }

        var key = TokenHash.Of(token);
        return Cache.TryGet(key) is { } hit
            ? ValueTask.FromResult(hit)
            : ValidateAndCacheAsync(token, key, cancellationToken);
    }

    private async ValueTask<TokenValidationResult> ValidateAndCacheAsync(string token, TokenHash key, CancellationToken cancellationToken)
    {
        var result = await _inner.ValidateAsync(token, cancellationToken);
        if (result.IsValid && result.Token.ExpiresAt is { } expiresAt)
        {
            Cache.Add(key, result, expiresAt);
        }

        return result;
    }
}
