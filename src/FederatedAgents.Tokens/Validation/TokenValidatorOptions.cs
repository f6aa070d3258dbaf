namespace FederatedAgents.Tokens.Validation;

/// <summary>What one <see cref="TokenValidator"/> accepts. Checked when the validator is built.</summary>
public sealed record TokenValidatorOptions
{
    /// <summary>The one token kind accepted; its <c>typ</c> and claim rules apply.</summary>
    public required TokenKind Kind { get; init; }

    /// <summary>
    /// The exact <c>aud</c> value that must be present: the resource server's identifier for access
    /// tokens, the authority's issuer identifier for grants and client assertions. Required for every
    /// kind but signed statements, where it is optional.
    /// </summary>
    public string? Audience { get; init; }

    /// <summary>
    /// Skips the audience check. Only for an authority reading back tokens it issued itself for any of
    /// its audiences (introspection, revocation, the subject of an exchange); never for a resource
    /// server, which must name its own <see cref="Audience"/>. Default false.
    /// </summary>
    public bool AcceptAnyAudience { get; init; }

    /// <summary>
    /// The exact <c>iss</c> values accepted. Null accepts any issuer the key resolver knows (client
    /// assertions, whose issuer is the client id); every issuer still needs its own keys.
    /// </summary>
    public IReadOnlyCollection<string>? Issuers { get; init; }

    /// <summary>Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c> between clocks. Default 60 s; at most 5 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Tokens longer than this many characters are rejected before parsing. Default 8192.</summary>
    public int MaxTokenLength { get; init; } = 8192;

    /// <summary>Longest lifetime (exp − iat) of an authorization grant or client assertion. Default 5 minutes.</summary>
    public TimeSpan MaxAssertionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and the fix.</summary>
    internal void Validate()
    {
        if (AcceptAnyAudience && Audience is not null)
        {
            throw new ArgumentException($"{nameof(AcceptAnyAudience)} and {nameof(Audience)} are both set; name the one audience to require, or accept any, not both.");
        }

        if (Kind.RequiresAudience && string.IsNullOrWhiteSpace(Audience) && !AcceptAnyAudience)
        {
            throw new ArgumentException($"{nameof(Audience)} is required to validate a {Kind.Name}: set it to this service's identifier (for authorities, the issuer identifier).");
        }

        if (Issuers is { Count: 0 })
        {
            throw new ArgumentException($"{nameof(Issuers)} is empty, so no token could pass; list the accepted issuers or leave it null to accept every issuer the key resolver knows.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"{nameof(ClockSkew)} is {ClockSkew}; use a small tolerance between 0 and 5 minutes (default 60 s).");
        }

        if (MaxTokenLength < 256)
        {
            throw new ArgumentException($"{nameof(MaxTokenLength)} is {MaxTokenLength}; no signed token fits in fewer than 256 characters (default 8192).");
        }

        if (MaxAssertionLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MaxAssertionLifetime)} must be positive (default 5 minutes).");
        }
    }
}
