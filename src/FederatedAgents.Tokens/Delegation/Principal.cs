namespace FederatedAgents.Tokens.Delegation;

/// <summary>
/// A subject or actor qualified by the issuer that vouches for it, so two organizations'
/// "alice" never merge. Renders as <c>alice@https://auth.bank.example</c>.
/// </summary>
public readonly record struct Principal
{
    public Principal(string subject, string issuer)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        Subject = subject;
        Issuer = issuer;
    }

    /// <summary>The <c>sub</c> value, unique within <see cref="Issuer"/>.</summary>
    public string Subject { get; }

    /// <summary>The <c>iss</c> of the authority that identifies the subject.</summary>
    public string Issuer { get; }

    public override string ToString() => $"{Subject}@{Issuer}";
}
