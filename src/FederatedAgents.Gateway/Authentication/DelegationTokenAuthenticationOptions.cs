using Microsoft.AspNetCore.Authentication;

namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The options of the delegation-token scheme: only the framework's own (forwarding). What is accepted comes from
/// <c>Gateway:Security</c> and the partners' settings, shared with the gateway.
/// </summary>
internal sealed class DelegationTokenAuthenticationOptions : AuthenticationSchemeOptions;
