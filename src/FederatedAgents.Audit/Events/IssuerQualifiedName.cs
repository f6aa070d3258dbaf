namespace FederatedAgents.Audit.Events;

/// <summary>
/// A subject or actor qualified by the issuer that vouches for it, written
/// <c>alice@https://auth.bank.example</c>, so two organizations' "alice" never merge in the log.
/// </summary>
public sealed record IssuerQualifiedName
{
    private IssuerQualifiedName(string subject, string issuer)
    {
        Subject = subject;
        Issuer = issuer;
    }

    public string Subject { get; }

    public string Issuer { get; }

    /// <summary>From a token's <c>sub</c> and <c>iss</c>; the issuer must be an absolute http(s) URL.</summary>
    public static IssuerQualifiedName Create(string subject, string issuer)
    {
        AuditText.Required(subject, "subject");
        AuditText.Required(issuer, "issuer");
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException(
                $"Issuer '{issuer}' is not an absolute https URL (an OAuth issuer identifier such as https://auth.bank.example).",
                nameof(issuer));
        }

        return new IssuerQualifiedName(subject, issuer);
    }

    /// <summary>Parses <c>subject@issuer</c>; the issuer starts at the last "@http".</summary>
    public static IssuerQualifiedName Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.LastIndexOf("@http", StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new FormatException(
                $"'{value}' is not issuer-qualified; write subject@issuer, e.g. alice@https://auth.bank.example.");
        }

        return Create(value[..at], value[(at + 1)..]);
    }

    public override string ToString() => $"{Subject}@{Issuer}";
}
