namespace FederatedAgents.Tokens;

/// <summary>The JWT claim names this library reads and writes (RFC 7519, 8693, 9068, 7800, 8705, 9493).</summary>
internal static class ClaimNames
{
    public const string Issuer = "iss";
    public const string Subject = "sub";
    public const string Audience = "aud";
    public const string ExpiresAt = "exp";
    public const string NotBefore = "nbf";
    public const string IssuedAt = "iat";
    public const string JwtId = "jti";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Actor = "act";
    public const string MayAct = "may_act";
    public const string Confirmation = "cnf";
    public const string CertificateThumbprint = "x5t#S256";
    public const string Transaction = "txn";
    public const string Purpose = "purpose";
    public const string SubjectIdentifier = "sub_id";

    /// <summary>Claims the issuance API sets itself; extra claims may not use these names.</summary>
    public static readonly IReadOnlySet<string> Registered = new HashSet<string>(StringComparer.Ordinal)
    {
        Issuer, Subject, Audience, ExpiresAt, NotBefore, IssuedAt, JwtId, ClientId, Scope, Actor, MayAct, Confirmation, Transaction, Purpose, SubjectIdentifier,
    };
}
