using System.Text.Encodings.Web;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore.Calls;
using FederatedAgents.Tokens.Binding;
using FederatedAgents.Tokens.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The <see cref="DelegationTokenDefaults.AuthenticationScheme"/> scheme: the request's <c>authorization: Bearer</c>
/// delegation token must be an access token for this gateway's audience, from this organization's authority (any
/// caller) or, on a partner's connection, from that partner's authority; a partner's token must be bound to the
/// certificate its connection presented (<c>cnf.x5t#S256</c>, RFC 8705), and a bound token is only accepted from that
/// certificate. Tokens of this organization's authority that are revoked — or exchanged from a revoked one — are
/// refused. No header: no result; every refusal: a failure whose message says what to fix. Challenge and forbid
/// answer in gRPC terms (Trailers-Only UNAUTHENTICATED / PERMISSION_DENIED), so any gRPC endpoint may use the scheme.
/// </summary>
internal sealed partial class DelegationTokenAuthenticationHandler(
    IOptionsMonitor<DelegationTokenAuthenticationOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ITokenValidator validator,
    GatewayIssuerKeys issuers,
    IRevocationList revocations,
    GatewaySnapshotProvider snapshots) : AuthenticationHandler<DelegationTokenAuthenticationOptions>(options, loggers, encoder)
{
    public const string MissingTokenMessage =
        "This method requires a delegation token: send the metadata 'authorization: Bearer <access token>' with a token from your authority.";

    private const string BearerPrefix = "Bearer ";
    private const string TokenParameter = "FederatedAgents.DelegationToken";

    /// <summary>The validated token of a successful result of this scheme, as the validator returned it.</summary>
    public static ValidatedToken? TokenOf(AuthenticateResult result) => result.Properties?.GetParameter<ValidatedToken>(TokenParameter);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var value = header.Count == 1 ? header[0] ?? "" : "";
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || value.Length == BearerPrefix.Length)
        {
            return AuthenticateResult.Fail("The authorization metadata must be exactly one 'Bearer <access token>' value.");
        }

        var result = await validator.ValidateAsync(value[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (!result.IsValid)
        {
            Log.TokenRejected(Logger, Request.Path.Value ?? "", result.Error.Code, result.Error.Description);
            return AuthenticateResult.Fail(result.Error.Code == TokenErrorCode.KeysUnavailable
                ? "The delegation token cannot be checked now because its issuer's keys are unavailable; retry later."
                : $"The delegation token was rejected: {result.Error.Description}.");
        }

        var token = result.Token;
        var connection = Context.Features.Get<PartnerConnectionFeature>();
        var partner = connection?.Resolve(snapshots.Current)?.Partner;
        if (connection is not null && partner is null)
        {
            return AuthenticateResult.Fail(PartnerConnectionFeature.NoLongerTrustedMessage);
        }

        if (token.Issuer != issuers.OwnIssuer && token.Issuer != partner?.Authority.Issuer.OriginalString)
        {
            return AuthenticateResult.Fail($"Tokens issued by '{token.Issuer}' are not accepted on this connection; obtain one from {(partner is null ? "this organization's authority" : "this organization's or your own authority")}.");
        }

        var certificate = connection is null ? Context.Connection.ClientCertificate : connection.Certificate;
        if (SenderConstraint.Check(token, certificate, requireBinding: partner is not null) is { } mismatch)
        {
            return AuthenticateResult.Fail($"The delegation token cannot be used on this connection: {mismatch.Description}.");
        }

        if (token.Issuer == issuers.OwnIssuer && token.JwtId is { } id && revocations.IsRevoked(id))
        {
            return AuthenticateResult.Fail("The delegation token has been revoked (it or a token it was exchanged from); obtain a new one.");
        }

        var properties = new AuthenticationProperties();
        properties.SetParameter(TokenParameter, token);
        return AuthenticateResult.Success(new AuthenticationTicket(DelegationTokenPrincipal.Create(token, Scheme.Name), properties, Scheme.Name));
    }

    /// <summary>UNAUTHENTICATED with why authentication failed (or that a token is required), as a Trailers-Only response.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        WriteStatus(new Status(StatusCode.Unauthenticated, result.Failure switch
        {
            null => MissingTokenMessage,
            AuthenticationFailureException refusal => refusal.Message,
            _ => "The delegation token could not be checked; retry later.",
        }));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        WriteStatus(new Status(StatusCode.PermissionDenied, "The delegation token does not permit this call."));
        return Task.CompletedTask;
    }

    private void WriteStatus(Status status)
    {
        Response.StatusCode = StatusCodes.Status200OK;
        GrpcResponseHeaders.WriteTrailersOnly(Response, status);
    }
}
