using FederatedAgents.Authority.Revocation;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using FederatedAgents.Tokens.Binding;
using FederatedAgents.Tokens.Validation;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The first filter: the call's <c>authorization: Bearer</c> delegation token must be an access token for this
/// gateway's audience, from this organization's authority (any caller) or, on a partner's connection, from that
/// partner's authority; a partner's token must be bound to the certificate its connection presented
/// (<c>cnf.x5t#S256</c>, RFC 8705), and a bound token is only accepted from that certificate. Tokens of this
/// organization's authority that are revoked — or exchanged from a revoked one — are refused. Every refusal is
/// UNAUTHENTICATED with a message that says what to fix. Sets <see cref="GatewayCall.Identity"/>.
/// </summary>
internal sealed partial class AuthenticationFilter(
    ITokenValidator validator, GatewayIssuerKeys issuers, IRevocationList revocations, ILogger<AuthenticationFilter> logger) : IGatewayCallFilter
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken)
    {
        var header = call.HttpContext.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return Refuse("This method requires a delegation token: send the metadata 'authorization: Bearer <access token>' with a token from your authority.");
        }

        var value = header.Count == 1 ? header[0] ?? "" : "";
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || value.Length == BearerPrefix.Length)
        {
            return Refuse("The authorization metadata must be exactly one 'Bearer <access token>' value.");
        }

        var result = await validator.ValidateAsync(value[BearerPrefix.Length..].Trim(), cancellationToken);
        if (!result.IsValid)
        {
            Log.TokenRejected(logger, call.Method, result.Error.Code, result.Error.Description);
            return Refuse(result.Error.Code == TokenErrorCode.KeysUnavailable
                ? "The delegation token cannot be checked now because its issuer's keys are unavailable; retry later."
                : $"The delegation token was rejected: {result.Error.Description}.");
        }

        var token = result.Token;
        var partner = call.Caller.Partner;
        if (token.Issuer != issuers.OwnIssuer && token.Issuer != partner?.Authority.Issuer.OriginalString)
        {
            return Refuse($"Tokens issued by '{token.Issuer}' are not accepted on this connection; obtain one from {(partner is null ? "this organization's authority" : "this organization's or your own authority")}.");
        }

        if (SenderConstraint.Check(token, call.Caller.ClientCertificate, requireBinding: partner is not null) is { } mismatch)
        {
            return Refuse($"The delegation token cannot be used on this connection: {mismatch.Description}.");
        }

        if (token.Issuer == issuers.OwnIssuer && token.JwtId is { } id && revocations.IsRevoked(id))
        {
            return Refuse("The delegation token has been revoked (it or a token it was exchanged from); obtain a new one.");
        }

        call.Identity = token;
        return null;
    }

    private static Status Refuse(string detail) => new(StatusCode.Unauthenticated, detail);
}
