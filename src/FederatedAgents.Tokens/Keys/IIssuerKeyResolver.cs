namespace FederatedAgents.Tokens.Keys;

/// <summary>
/// Finds the verification keys of a trusted issuer. Implementations answer only for issuers they
/// were configured with and never derive a location from token content: the <c>kid</c> selects
/// among the keys returned here and is never passed to a resolver.
/// </summary>
public interface IIssuerKeyResolver
{
    /// <summary>The issuer's keys, or null when the issuer is not trusted.</summary>
    ValueTask<IssuerKeys?> GetKeysAsync(string issuer, CancellationToken cancellationToken);

    /// <summary>
    /// Called when a token names a <c>kid</c> the issuer's current keys lack (the issuer may have
    /// rotated). May refetch, at most once per implementation-defined interval; returns the keys to
    /// use, or null when the issuer is not trusted.
    /// </summary>
    ValueTask<IssuerKeys?> RefreshKeysAsync(string issuer, CancellationToken cancellationToken);
}
