using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using Microsoft.AspNetCore.Authentication;

namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The first filter: authenticates the call with the <see cref="DelegationTokenDefaults.AuthenticationScheme"/> scheme
/// (<see cref="DelegationTokenAuthenticationHandler"/>) and sets <see cref="GatewayCall.Identity"/> to the token it
/// validated. No token, or any refusal, is UNAUTHENTICATED with the scheme's message of what to fix.
/// </summary>
internal sealed class AuthenticationFilter : IGatewayCallFilter
{
    public async ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken)
    {
        var result = await call.HttpContext.AuthenticateAsync(DelegationTokenDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return new Status(StatusCode.Unauthenticated, result.Failure?.Message ?? DelegationTokenAuthenticationHandler.MissingTokenMessage);
        }

        call.Identity = DelegationTokenAuthenticationHandler.TokenOf(result)
            ?? throw new InvalidOperationException($"The {DelegationTokenDefaults.AuthenticationScheme} scheme succeeded without a delegation token; do not forward it to another scheme.");
        return null;
    }
}
