namespace FederatedAgents.Gateway.Configuration;

/// <summary>The rules between entries: unique names, one agent per service, policies naming what exists, unambiguous partner trust.</summary>
internal static class GatewayConfigRules
{
    public static void Check(GatewayConfig config, ConfigNode gateway)
    {
        CheckAgents(config, gateway);
        CheckPartners(config, gateway);
    }

    private static void CheckAgents(GatewayConfig config, ConfigNode gateway)
    {
        var agentKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var serviceOwners = new Dictionary<string, (string Agent, string Key)>(StringComparer.Ordinal);
        var partners = config.Partners.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        for (var a = 0; a < config.Agents.Count; a++)
        {
            var agent = config.Agents[a];
            var node = gateway[$"Agents:{a}"];
            if (agent.Name.Length > 0 && !agentKeys.TryAdd(agent.Name, node.Path))
            {
                node.Error("Name", $"'{agent.Name}' is already the name of {agentKeys[agent.Name]}; give each agent its own name.");
            }

            for (var s = 0; s < agent.Services.Count; s++)
            {
                var service = agent.Services[s];
                if (serviceOwners.TryGetValue(service, out var owner))
                {
                    node.Error($"Services:{s}", $"'{service}' is already served by agent '{owner.Agent}' ({owner.Key}); route each service to one agent and give that agent several Endpoints instead.");
                }
                else
                {
                    serviceOwners[service] = (agent.Name, node.Key($"Services:{s}"));
                }
            }

            CheckEndpoints(agent, node);
            CheckMethods(agent, node, partners);
        }
    }

    private static void CheckEndpoints(AgentConfig agent, ConfigNode node)
    {
        for (var e = 0; e < agent.Endpoints.Count; e++)
        {
            if (agent.Endpoints.Take(e).Contains(agent.Endpoints[e]))
            {
                node.Error($"Endpoints:{e}", $"'{agent.Endpoints[e]}' is listed twice; list each endpoint once.");
            }
        }

        if (agent.TrustedCertificateAuthority is not null && agent.Endpoints.All(e => e.Scheme != Uri.UriSchemeHttps))
        {
            node.Error("TrustedCertificateAuthority", "is set but no endpoint uses https://; remove it, or use https:// endpoints.");
        }
    }

    private static void CheckMethods(AgentConfig agent, ConfigNode node, HashSet<string> partners)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < agent.Methods.Count; m++)
        {
            var method = agent.Methods[m];
            var slash = method.Name.IndexOf('/');
            // With no valid service the agent already has an error; naming every method again would only repeat it.
            if (slash > 0 && agent.Services.Count > 0 && !agent.Services.Contains(method.Name[..slash]))
            {
                node.Error($"Methods:{m}:Name", $"'{method.Name}' belongs to service {method.Name[..slash]}, which agent '{agent.Name}' does not serve; add it to Services or fix the name.");
            }

            if (method.Name.Length > 0 && !names.Add(method.Name))
            {
                node.Error($"Methods:{m}:Name", $"'{method.Name}' has an earlier entry; keep one policy per method.");
            }

            for (var p = 0; p < method.AllowedPartners.Count; p++)
            {
                if (!partners.Contains(method.AllowedPartners[p]))
                {
                    node.Error($"Methods:{m}:AllowedPartners:{p}",
                        $"'{method.AllowedPartners[p]}' is not a partner; use a Name from Gateway:Partners ({string.Join(", ", partners.Order())}).");
                }
            }
        }
    }

    private static void CheckPartners(GatewayConfig config, ConfigNode gateway)
    {
        if (config.Listeners.Partner is not null && config.Partners.Count == 0)
        {
            gateway.Error("Partners", "is empty, so no client certificate can pass the partner listener; add the partners that may call, or remove Gateway:Listeners:Partner.");
        }

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var p = 0; p < config.Partners.Count; p++)
        {
            var partner = config.Partners[p];
            var node = gateway[$"Partners:{p}"];
            if (partner.Name.Length > 0 && !names.TryAdd(partner.Name, p))
            {
                node.Error("Name", $"'{partner.Name}' is already the name of Gateway:Partners:{names[partner.Name]}; give each partner its own name.");
            }

            for (var q = 0; q < p; q++)
            {
                if (Overlap(config.Partners[q].ClientCertificate, partner.ClientCertificate) is { } overlap)
                {
                    node.Error("ClientCertificate", $"{overlap} as Gateway:Partners:{q} ('{config.Partners[q].Name}'), so a certificate could match both; "
                        + "set a distinct Subject on each partner that shares a CA, and pin each thumbprint for one partner only.");
                }
            }
        }
    }

    private static string? Overlap(ClientCertificateTrustConfig first, ClientCertificateTrustConfig second)
    {
        if (first.Thumbprints.Any(pin => second.Thumbprints.Any(other => pin.AsSpan().SequenceEqual(other))))
        {
            return "pins a thumbprint already pinned";
        }

        var sameAuthority = first.CertificateAuthority is not null
            && string.Equals(first.CertificateAuthority, second.CertificateAuthority, StringComparison.Ordinal);
        return sameAuthority && (first.Subject is null || second.Subject is null || first.Subject == second.Subject)
            ? "trusts the same CertificateAuthority without a distinct Subject"
            : null;
    }
}
