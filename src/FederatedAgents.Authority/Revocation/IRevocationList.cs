namespace FederatedAgents.Authority.Revocation;

/// <summary>
/// Which of this authority's tokens are revoked, held in memory and refreshed from the shared store by
/// polling (<c>Authority:RevocationPollInterval</c>, default 1 s), so a resource server asks it on every
/// request without a database round trip. Revoking a token revokes every token exchanged from it, so a
/// delegated token is revoked here as soon as any token it descends from is. Complete from the moment
/// the host has started (the first load happens during startup). Register it with
/// <c>services.AddFederatedRevocationList(configuration)</c> (included in <c>AddFederatedAuthority</c>).
/// </summary>
public interface IRevocationList
{
    /// <summary>True when the token with this <c>jti</c> (issued by this organization's authority) is revoked. Thread-safe, O(1).</summary>
    bool IsRevoked(string jwtId);
}
