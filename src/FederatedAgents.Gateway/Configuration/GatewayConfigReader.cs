using System.Net;
using Microsoft.Extensions.Configuration;

namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// Reads the <c>Gateway</c> section into a <see cref="GatewayConfig"/>, checking each value where it stands
/// and the rules between entries afterwards. Returns null with every error when anything is wrong.
/// </summary>
internal static class GatewayConfigReader
{
    public static GatewayConfig? Read(IConfiguration configuration, string baseDirectory, ConfigErrors errors)
    {
        var gateway = new ConfigNode(configuration.GetSection(GatewayConfig.SectionName), errors);
        if (!gateway.Exists)
        {
            errors.Add(GatewayConfig.SectionName, "is missing; add a Gateway section with Listeners, Agents and Partners to the organization file.");
            return null;
        }

        gateway.AllowOnly("Listeners", "Agents", "Partners", "Security", "Outbound");
        var paths = new ConfigPaths(baseDirectory);
        var listeners = ReadListeners(gateway["Listeners"], paths);
        var agents = gateway.List("Agents").Select(agent => AgentConfigReader.Read(agent, paths)).ToList();
        var partners = gateway.List("Partners").Select(partner => PartnerConfigReader.Read(partner, paths)).ToList();
        var config = new GatewayConfig(listeners, agents, partners, SecurityConfigReader.Read(gateway["Security"], paths));
        GatewayConfigRules.Check(config, gateway);
        return errors.Any ? null : config;
    }

    private static ListenersConfig ReadListeners(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Partner", "Local");
        var partner = node["Partner"];
        var local = node["Local"];
        if (!partner.Exists && !local.Exists)
        {
            node.Errors.Add(node.Path, "has neither a Partner nor a Local listener; configure at least one, e.g. Local: { \"Url\": \"http://127.0.0.1:8080\" }.");
        }

        return new ListenersConfig(
            partner.Exists ? ReadPartnerListener(partner, paths) : null,
            local.Exists ? ReadLocalListener(local, paths) : null);
    }

    private static PartnerListenerConfig ReadPartnerListener(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Url", "Certificate", "MinimumTlsVersion");
        var url = ReadListenerUrl(node, "https://0.0.0.0:8443");
        if (url is not null && url.Scheme != Uri.UriSchemeHttps)
        {
            node.Error("Url", $"'{url}' is not https; partners connect with mutual TLS, e.g. https://0.0.0.0:8443.");
        }

        var certificate = node["Certificate"];
        if (!certificate.Exists)
        {
            node.Error("Certificate", "is missing; give the gateway's server certificate as { \"Path\": \"server.crt\", \"KeyPath\": \"server.key\" }.");
        }

        var version = node.String("MinimumTlsVersion") switch
        {
            null or "1.2" => TlsVersion.Tls12,
            "1.3" => TlsVersion.Tls13,
            var other => Invalid(node, "MinimumTlsVersion", $"'{other}' is not a TLS version the gateway offers; use 1.2 (the default) or 1.3."),
        };
        return new PartnerListenerConfig(url ?? Placeholder, ReadCertificateFiles(certificate, paths), version);
    }

    private static LocalListenerConfig ReadLocalListener(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Url", "Certificate");
        var url = ReadListenerUrl(node, "http://127.0.0.1:8080");
        var certificate = node["Certificate"];
        if (url?.Scheme == Uri.UriSchemeHttps && !certificate.Exists)
        {
            node.Error("Certificate", $"is missing for the https listener {url}; add {{ \"Path\": ..., \"KeyPath\": ... }} or use an http:// loopback address.");
        }
        else if (url?.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
        {
            node.Error("Url", $"'{url}' serves unencrypted HTTP/2 beyond this machine; use a loopback address (127.0.0.1, [::1], localhost) or https:// with a Certificate.");
        }

        return new LocalListenerConfig(url ?? Placeholder, certificate.Exists ? ReadCertificateFiles(certificate, paths) : null);
    }

    private static Uri? ReadListenerUrl(ConfigNode node, string example)
    {
        var text = node.RequiredString("Url", $"give the address to listen on, e.g. {example}.");
        if (text.Length == 0)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && url.AbsolutePath == "/" && url.Query.Length == 0 && (url.IsLoopback || IPAddress.TryParse(url.Host.Trim('[', ']'), out _)))
        {
            return url;
        }

        node.Error("Url", $"'{text}' is not a listen address; use http(s)://IP:port or localhost, e.g. {example} (0.0.0.0 or [::] for every interface).");
        return null;
    }

    public static CertificateFilesConfig ReadCertificateFiles(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Path", "KeyPath");
        return new CertificateFilesConfig(
            paths.Resolve(node.RequiredString("Path", "give the PEM certificate file, e.g. certs-dev/bank/server.crt.")),
            paths.Resolve(node.RequiredString("KeyPath", "give the PEM private key file, e.g. certs-dev/bank/server.key.")));
    }

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Stands in for a value that failed to read; the read then fails as a whole, so it is never used.</summary>
    public static readonly Uri Placeholder = new("http://invalid.invalid/");

    private static TlsVersion Invalid(ConfigNode node, string key, string problem)
    {
        node.Error(key, problem);
        return TlsVersion.Tls12;
    }
}
