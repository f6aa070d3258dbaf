using System.Text.RegularExpressions;

namespace FederatedAgents.Gateway.Configuration;

/// <summary>Reads one <c>Gateway:Agents:N</c> entry and its method policies.</summary>
internal static partial class AgentConfigReader
{
    public static AgentConfig Read(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Name", "Endpoints", "TrustedCertificateAuthority", "Services", "HealthCheck", "Timeout", "MaxConcurrentCalls", "Methods");
        var name = node.RequiredString("Name", "give the agent a unique name, e.g. \"loans\".");
        var endpoints = ReadEndpoints(node);
        var services = node.Strings("Services");
        if (services.Count == 0 && node.IsMissingOrEmpty("Services"))
        {
            node.Error("Services", "lists no service; add the full names of the gRPC services this agent serves, e.g. [\"bank.loans.v1.LoanDesk\"].");
        }

        for (var i = 0; i < services.Count; i++)
        {
            if (!ServiceName().IsMatch(services[i]))
            {
                node.Error($"Services:{i}", $"'{services[i]}' is not a full gRPC service name; write package.Service, e.g. bank.loans.v1.LoanDesk.");
            }
        }

        var health = node["HealthCheck"];
        return new AgentConfig(
            name,
            endpoints,
            paths.ResolveOptional(node.String("TrustedCertificateAuthority")),
            services,
            health.Exists ? ReadHealthCheck(health) : null,
            node.Duration("Timeout"),
            node.Integer("MaxConcurrentCalls", minimum: 1),
            [.. node.List("Methods").Select(ReadMethod)]);
    }

    /// <summary><c>package.Service</c>: dot-separated identifiers.</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    public static partial Regex ServiceName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex MethodName();

    private static List<Uri> ReadEndpoints(ConfigNode node)
    {
        var endpoints = new List<Uri>();
        var entries = node.List("Endpoints");
        if (entries.Count == 0 && node.IsMissingOrEmpty("Endpoints"))
        {
            node.Error("Endpoints", "lists no endpoint; add the agent's address, e.g. [\"http://127.0.0.1:5001\"] (h2c) or [\"https://loans.internal:5001\"] (TLS).");
        }

        foreach (var entry in entries)
        {
            var text = entry.Text();
            if (text is not null && Uri.TryCreate(text, UriKind.Absolute, out var url)
                && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                && url.AbsolutePath == "/" && url.Query.Length == 0 && url.UserInfo.Length == 0)
            {
                endpoints.Add(url);
                continue;
            }

            entry.Errors.Add(entry.Path,
                $"'{text}' is not an agent address; use scheme, host and port only: http://host:port for h2c or https://host:port for TLS, e.g. http://127.0.0.1:5001.");
        }

        return endpoints;
    }

    private static HealthCheckConfig ReadHealthCheck(ConfigNode node)
    {
        node.AllowOnly("Interval", "Timeout", "Service");
        var interval = node.Duration("Interval") ?? TimeSpan.FromSeconds(5);
        var timeout = node.Duration("Timeout") ?? TimeSpan.FromSeconds(1);
        if (timeout > interval)
        {
            node.Error("Timeout", $"{timeout} is longer than the Interval {interval}; checks would overlap. Make Timeout at most the Interval.");
        }

        return new HealthCheckConfig(interval, timeout, node.String("Service") ?? "");
    }

    private static MethodPolicy ReadMethod(ConfigNode node)
    {
        node.AllowOnly("Name", "RequiredScopes", "AllowedPartners", "AllowedClients", "MaxDelegationDepth", "RequiredPurpose", "Egress", "Timeout", "MaxConcurrentCalls");
        var name = node.RequiredString("Name", "name the method as package.Service/Method, or package.Service/* for every method of the service.");
        var slash = name.IndexOf('/');
        if (name.Length > 0 && (slash < 0 || !ServiceName().IsMatch(name[..slash])
            || (name[(slash + 1)..] != MethodPolicy.AnyMethod && !MethodName().IsMatch(name[(slash + 1)..]))))
        {
            node.Error("Name", $"'{name}' is not package.Service/Method or package.Service/*; e.g. bank.loans.v1.LoanDesk/Quote.");
        }

        var scopes = node.Strings("RequiredScopes");
        for (var i = 0; i < scopes.Count; i++)
        {
            if (scopes[i].Any(char.IsWhiteSpace))
            {
                node.Error($"RequiredScopes:{i}", $"'{scopes[i]}' contains white space; list each scope as its own entry.");
            }
        }

        return new MethodPolicy(
            name,
            scopes,
            node.Strings("AllowedPartners"),
            node.Strings("AllowedClients"),
            node.Integer("MaxDelegationDepth", minimum: 0),
            node.String("RequiredPurpose"),
            node.Boolean("Egress") ?? true,
            node.Duration("Timeout"),
            node.Integer("MaxConcurrentCalls", minimum: 1));
    }
}
