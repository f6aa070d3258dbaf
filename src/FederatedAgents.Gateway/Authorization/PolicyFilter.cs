using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Authorization;

/// <summary>
/// The second filter: the route's <see cref="Configuration.MethodPolicy"/> against the authenticated token and the
/// caller. A partner must be listed in <c>AllowedPartners</c> (local callers always may); the token must carry every
/// required scope, come from an allowed client, hold no more actors than <c>MaxDelegationDepth</c> and declare the
/// required purpose. A refusal is PERMISSION_DENIED naming what is missing, never how the gateway is built.
/// </summary>
internal sealed class PolicyFilter : IGatewayCallFilter
{
    public ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken) => ValueTask.FromResult(Check(call));

    private static Status? Check(GatewayCall call)
    {
        var policy = call.Route!.Policy;
        var token = call.Identity ?? throw new InvalidOperationException("Authorization runs after authentication; register AuthenticationFilter first.");
        var method = call.Method.TrimStart('/');
        if (call.Caller.Partner is { } partner && !policy.AllowedPartners.Contains(partner.Name, StringComparer.Ordinal))
        {
            return Deny($"Partner '{partner.Name}' may not call {method}.");
        }

        var missing = policy.RequiredScopes.Where(scope => !token.Scopes.Contains(scope, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return Deny($"{method} requires scope {string.Join(", ", missing.Select(s => $"'{s}'"))}, which the delegation token does not grant.");
        }

        if (policy.AllowedClients.Count > 0 && !policy.AllowedClients.Contains(token.ClientId ?? "", StringComparer.Ordinal))
        {
            return Deny($"Client '{token.ClientId}' may not call {method}.");
        }

        var depth = token.Chain?.Depth ?? 0;
        if (policy.MaxDelegationDepth is { } maxDepth && depth > maxDepth)
        {
            return Deny($"The delegation chain has {depth} actors; {method} accepts at most {maxDepth}.");
        }

        if (policy.RequiredPurpose is { } purpose && token.Chain?.Purpose != purpose)
        {
            return Deny($"{method} requires purpose '{purpose}'; obtain a token that declares it.");
        }

        return null;
    }

    private static Status Deny(string detail) => new(StatusCode.PermissionDenied, detail);
}
