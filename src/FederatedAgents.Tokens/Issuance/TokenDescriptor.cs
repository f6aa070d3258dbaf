using System.Text.Json;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Issuance;

/// <summary>
/// The claims of a token to issue. <c>iat</c>, <c>exp</c> and <c>jti</c> are filled in by
/// <see cref="TokenIssuer"/>; everything else comes from here. Lifetimes are the caller's decision
/// (minutes for access tokens, seconds to a few minutes for grants and assertions).
/// </summary>
public sealed record TokenDescriptor
{
    /// <summary>Sets the <c>typ</c> header.</summary>
    public required TokenKind Kind { get; init; }

    public required string Issuer { get; init; }

    /// <summary>The <c>sub</c>; null only for signed statements that are about no subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Written as a string when there is one value, as an array otherwise; may be empty only for signed statements.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    public string? ClientId { get; init; }

    /// <summary>Written as the space-delimited <c>scope</c> claim when not empty.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>
    /// <c>exp</c> = <c>iat</c> + this, rounded up to whole seconds. Null writes no <c>exp</c>, which only
    /// signed statements allow (a receipt is evidence that must stay verifiable).
    /// </summary>
    public required TimeSpan? Lifetime { get; init; }

    /// <summary>
    /// The latest <c>exp</c> allowed, whatever <see cref="Lifetime"/> says: a token exchanged from another
    /// never outlives it. Issuing fails when it is not after <c>iat</c>.
    /// </summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Writes <c>nbf</c> equal to <c>iat</c> when true.</summary>
    public bool IncludeNotBefore { get; init; }

    /// <summary>Actors earliest first; written as nested <c>act</c> with the last one outermost.</summary>
    public IReadOnlyList<Principal> Actors { get; init; } = [];

    /// <summary>
    /// The subject as another issuer identifies it (an organization's person seen by a partner authority),
    /// written as <c>sub_id</c> in the RFC 9493 <c>iss_sub</c> format; validators then report it as the
    /// chain's subject, so it keeps its home issuer. <see cref="Subject"/> should then be unique here,
    /// e.g. the principal's <c>sub@issuer</c> form.
    /// </summary>
    public Principal? SubjectIdentifier { get; init; }

    /// <summary>Written as <c>may_act</c>.</summary>
    public Principal? MayAct { get; init; }

    /// <summary>Written as <c>cnf: {"x5t#S256": …}</c> (see <see cref="Binding.CertificateThumbprint"/>).</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>Written as <c>txn</c>.</summary>
    public string? TransactionId { get; init; }

    /// <summary>Written as <c>purpose</c>.</summary>
    public string? Purpose { get; init; }

    /// <summary>Further claims; registered names (iss, sub, act, cnf, …) are refused.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtraClaims { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Throws <see cref="ArgumentException"/> saying which member is wrong.</summary>
    internal void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Issuer), $"{nameof(Issuer)} is required.");
        Require(Lifetime is null || Lifetime >= TimeSpan.FromSeconds(1), $"{nameof(Lifetime)} must be at least one second; it is {Lifetime}.");
        Require(Lifetime is not null || !Kind.RequiresExpiry, $"A {Kind.Name} must expire; set {nameof(Lifetime)}.");
        Require(Kind.RequiresAudience is false || Audiences.Count > 0, $"A {Kind.Name} needs at least one audience.");
        Require(Kind.RequiresSingleAudience is false || Audiences.Count == 1, $"A {Kind.Name} has exactly one audience; {Audiences.Count} were given.");
        Require(Kind.RequiresAudience is false || Subject is not null, $"A {Kind.Name} needs a {nameof(Subject)}.");
        Require(Audiences.All(a => !string.IsNullOrEmpty(a)) && Scopes.All(s => s.Length > 0 && !s.Contains(' ')), "Audiences must be non-empty and scopes non-empty without spaces.");
        var reserved = ExtraClaims.Keys.Where(ClaimNames.Registered.Contains).ToList();
        Require(reserved.Count == 0, $"Extra claims may not set {string.Join(", ", reserved)}; use the descriptor's members.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
