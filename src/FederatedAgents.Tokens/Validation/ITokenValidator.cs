namespace FederatedAgents.Tokens.Validation;

/// <summary>Validates tokens of one kind, for one audience; implemented by <see cref="TokenValidator"/> and the caching wrapper.</summary>
public interface ITokenValidator
{
    /// <summary>Validates a compact JWS. Never throws for a bad token; only <paramref name="cancellationToken"/> cancels.</summary>
    ValueTask<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default);
}
