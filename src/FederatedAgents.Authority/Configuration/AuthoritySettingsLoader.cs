using System.Collections.Frozen;
using System.Net;

namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// Turns the bound options into <see cref="AuthoritySettings"/>, checking everything and loading every
/// file. All problems are collected; the settings come back only when there are none.
/// </summary>
internal static class AuthoritySettingsLoader
{
    private static readonly TimeSpan s_maxAccessTokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_maxGrantLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="AuthorityConfigurationException"/> listing every problem, those of <c>Organization</c> included.</summary>
    public static AuthoritySettings Load(AuthorityConfiguration configuration) =>
        TryLoad(configuration, includeOrganization: true, out var problems) ?? throw new AuthorityConfigurationException(problems);

    /// <summary>
    /// The settings, or null with the problems. <paramref name="includeOrganization"/> false leaves the
    /// <c>Organization</c> section's problems to the store's validation, which reports them once for every component.
    /// </summary>
    public static AuthoritySettings? TryLoad(AuthorityConfiguration configuration, bool includeOrganization, out IReadOnlyList<string> problems)
    {
        var found = new ConfigurationProblems();
        var files = new ConfigurationFiles(configuration.BaseDirectory, found, configuration.Time);
        var options = configuration.Authority;
        var organization = OrganizationSettings.Load(configuration.Organization, files, includeOrganization ? found : new ConfigurationProblems());
        var issuer = LoadIssuer(options.Issuer, found);
        var listen = issuer is null ? null : LoadListen(options.Listen, issuer, found);
        var serverCertificate = files.LoadCertificateWithKey("Authority:Tls:CertificateFile", options.Tls.CertificateFile, "Authority:Tls:KeyFile", options.Tls.KeyFile);
        var keys = SigningKeysLoader.Load(options.SigningKeys, organization?.DataDirectory, files, found);
        CheckLimits(options, found);

        var owned = new List<IDisposable>();
        var trust = new IssuerTrustLoader(files, found, configuration.Time, owned);
        var partners = trust.LoadPartners(options.Partners, issuer?.OriginalString, options.MaxDelegationDepth);
        var identityProviders = trust.LoadIdentityProviders(options.TrustedIdentityProviders, issuer?.OriginalString);
        var clients = new ClientsLoader(files, found).Load(options, partners);
        var devIdentity = issuer is null ? null : DevIdentityLoader.Load(options.DevIdentityProvider, clients, issuer.OriginalString, found);

        problems = found.All;
        if (found.Any || organization is null)
        {
            serverCertificate?.Dispose();
            owned.ForEach(o => o.Dispose());
            return null;
        }

        return new AuthoritySettings
        {
            Organization = organization!,
            Endpoints = new AuthorityEndpoints(issuer!),
            Listen = listen!,
            ServerCertificate = serverCertificate!,
            ClientCertificateTrust = clients.DefaultTrust,
            Keys = keys!,
            AccessTokenLifetime = options.AccessTokenLifetime,
            AuthorizationGrantLifetime = options.AuthorizationGrantLifetime,
            MaxDelegationDepth = options.MaxDelegationDepth,
            RevocationPollInterval = options.RevocationPollInterval,
            Clients = clients.Registrations,
            PartnersByIssuer = partners.ToFrozenDictionary(p => p.Issuer, StringComparer.Ordinal),
            IdentityProviders = identityProviders,
            DevIdentityProvider = devIdentity,
            Owned = owned,
        };
    }

    private static Uri? LoadIssuer(string? issuer, ConfigurationProblems problems)
    {
        const string key = "Authority:Issuer";
        if (string.IsNullOrWhiteSpace(issuer))
        {
            problems.Add(key, "is missing; set it to the https URL clients and partners know this authority by, e.g. \"https://127.0.0.1:7443\".");
            return null;
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            problems.Add(key, $"is '{issuer}'; an issuer is an https URL without query, fragment or user info (RFC 8414 §2), e.g. \"https://auth.bank.example\".");
            return null;
        }

        if (issuer.EndsWith('/'))
        {
            problems.Add(key, $"is '{issuer}'; remove the trailing '/', since the issuer must match the 'iss' of every token exactly.");
            return null;
        }

        return uri;
    }

    private static IPEndPoint? LoadListen(string? listen, Uri issuer, ConfigurationProblems problems)
    {
        if (string.IsNullOrWhiteSpace(listen))
        {
            var loopback = issuer.IsLoopback;
            return new IPEndPoint(loopback ? IPAddress.Loopback : IPAddress.Any, issuer.Port);
        }

        if (Uri.TryCreate(listen, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.AbsolutePath == "/"
            && (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null) is { } address)
        {
            return new IPEndPoint(address, uri.Port);
        }

        problems.Add("Authority:Listen", $"is '{listen}'; use an https URL with an IP address (or localhost) and a port, e.g. \"https://127.0.0.1:7443\" or \"https://0.0.0.0:443\".");
        return null;
    }

    private static void CheckLimits(AuthorityOptions options, ConfigurationProblems problems)
    {
        if (options.AccessTokenLifetime < TimeSpan.FromSeconds(1) || options.AccessTokenLifetime > s_maxAccessTokenLifetime)
        {
            problems.Add("Authority:AccessTokenLifetime", $"is {options.AccessTokenLifetime}; use minutes, between 00:00:01 and 01:00:00 (default 00:05:00).");
        }

        if (options.AuthorizationGrantLifetime < TimeSpan.FromSeconds(1) || options.AuthorizationGrantLifetime > s_maxGrantLifetime)
        {
            problems.Add("Authority:AuthorizationGrantLifetime", $"is {options.AuthorizationGrantLifetime}; grants are short-lived, between 00:00:01 and 00:05:00 (default 00:01:00).");
        }

        if (options.MaxDelegationDepth is < 1 or > 16)
        {
            problems.Add("Authority:MaxDelegationDepth", $"is {options.MaxDelegationDepth}; allow between 1 and 16 actors in a chain (default 4).");
        }

        if (options.RevocationPollInterval < TimeSpan.FromMilliseconds(100) || options.RevocationPollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add("Authority:RevocationPollInterval", $"is {options.RevocationPollInterval}; poll between every 00:00:00.1 and 00:01:00 (default 00:00:01).");
        }
    }
}
