using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Binding;

/// <summary>
/// The sender-constraint check of RFC 8705 §3: a token bound with <c>cnf.x5t#S256</c> is only
/// valid from the mutual-TLS client holding that certificate. A failure maps to HTTP 401
/// <c>invalid_token</c> (gRPC UNAUTHENTICATED).
/// </summary>
public static class SenderConstraint
{
    /// <summary>
    /// Null when the token may be used on this connection; otherwise why not. A token without
    /// <c>cnf</c> passes unless <paramref name="requireBinding"/> (cross-organization calls must be bound).
    /// </summary>
    public static TokenError? Check(ValidatedToken token, X509Certificate2? clientCertificate, bool requireBinding)
    {
        var thumbprint = token.Chain?.CertificateThumbprint;
        if (thumbprint is null)
        {
            return requireBinding
                ? new TokenError(TokenErrorCode.CertificateMismatch, "the token is not bound to a client certificate (no cnf.x5t#S256), and this call requires a bound token")
                : null;
        }

        if (clientCertificate is null)
        {
            return new TokenError(TokenErrorCode.CertificateMismatch, "the token is bound to a client certificate, but the connection presented none");
        }

        return CertificateThumbprint.Matches(thumbprint, clientCertificate)
            ? null
            : new TokenError(TokenErrorCode.CertificateMismatch, $"the token is bound to certificate x5t#S256 '{thumbprint}', but the connection presented '{CertificateThumbprint.Compute(clientCertificate)}'");
    }
}
