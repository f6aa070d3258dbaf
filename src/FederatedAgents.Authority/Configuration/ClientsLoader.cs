using System.Collections.Frozen;
using FederatedAgents.Authority.ClientAuthentication;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Authority.Configuration;

/// <summary><c>Authority:Clients</c>: each client's authentication and what it may hold, checked against the partners.</summary>
internal sealed class ClientsLoader
{
    private readonly ConfigurationFiles _files;
    private readonly ConfigurationProblems _problems;

    public ClientsLoader(ConfigurationFiles files, ConfigurationProblems problems)
    {
        _files = files;
        _problems = problems;
    }

    public sealed record Result(FrozenDictionary<string, ClientRegistration> Registrations, CertificateTrust? DefaultTrust);

    public Result Load(AuthorityOptions options, IReadOnlyList<PartnerRegistration> partners)
    {
        var defaultTrust = options.Tls.ClientCertificateAuthorityFile is null
            ? null
            : _files.LoadAuthority("Authority:Tls:ClientCertificateAuthorityFile", options.Tls.ClientCertificateAuthorityFile);
        var registrations = new Dictionary<string, ClientRegistration>(StringComparer.Ordinal);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var key = $"Authority:Clients:{i}";
            var client = options.Clients[i];
            if (string.IsNullOrWhiteSpace(client.ClientId) || client.ClientId.Any(char.IsWhiteSpace) || registrations.ContainsKey(client.ClientId))
            {
                _problems.Add($"{key}:ClientId", $"is {(string.IsNullOrWhiteSpace(client.ClientId) ? "missing" : $"'{client.ClientId}', which {(registrations.ContainsKey(client.ClientId) ? "another client already uses" : "contains white space")}")}; give each client its own id, e.g. \"orchestrator\".");
                continue;
            }

            var partner = Partner(key, client, partners);
            var registration = Client(key, client, partner, partner?.CertificateTrust ?? defaultTrust);
            if (registration is not null)
            {
                registrations.Add(client.ClientId, registration);
            }
        }

        return new Result(registrations.ToFrozenDictionary(StringComparer.Ordinal), defaultTrust);
    }

    private ClientRegistration? Client(string key, ClientOptions client, PartnerRegistration? partner, CertificateTrust? trust)
    {
        var problemsBefore = _problems.All.Count;
        var method = client.TokenEndpointAuthMethod?.Trim() switch
        {
            ClientOptions.PrivateKeyJwt => ClientAuthenticationMethod.PrivateKeyJwt,
            ClientOptions.TlsClientAuth => ClientAuthenticationMethod.TlsClientAuth,
            var other => Unsupported(key, other),
        };
        var keys = method == ClientAuthenticationMethod.PrivateKeyJwt ? Keys(key, client) : null;
        var certificate = method == ClientAuthenticationMethod.TlsClientAuth ? Certificate(key, client, trust) : null;
        CheckList($"{key}:Scopes", client.Scopes, "the scopes this client may hold, e.g. [\"loans.read\"]", allowSpaces: false);
        CheckList($"{key}:Audiences", client.Audiences, "the audiences (resource URLs) it may ask tokens for; the first is its default", allowSpaces: true);
        foreach (var (entry, index) in client.MayActFor.Select((e, i) => (e, i)))
        {
            if (entry != "*" && !entry.Contains('@', StringComparison.Ordinal))
            {
                _problems.Add($"{key}:MayActFor:{index}", $"is '{entry}'; name an issuer-qualified subject such as \"alice@https://auth.bank.example\", or \"*\" for anyone.");
            }
        }

        if (partner is not null && method != ClientAuthenticationMethod.TlsClientAuth)
        {
            _problems.Add($"{key}:TokenEndpointAuthMethod", $"must be \"{ClientOptions.TlsClientAuth}\" for a partner's client: tokens across organizations are bound to the partner's client certificate.");
        }

        return _problems.All.Count > problemsBefore ? null : new ClientRegistration
        {
            ClientId = client.ClientId!,
            Method = method!.Value,
            Keys = keys,
            Certificate = certificate,
            CertificateTrust = certificate is null ? null : trust,
            Scopes = client.Scopes.ToFrozenSet(StringComparer.Ordinal),
            OrderedScopes = [.. client.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Audiences = [.. client.Audiences],
            MayActForAnyone = client.MayActFor.Contains("*"),
            MayActForSubjects = client.MayActFor.Where(e => e != "*").ToFrozenSet(StringComparer.Ordinal),
            Partner = partner,
            CanRevokeAnyToken = client.CanRevokeAnyToken,
        };
    }

    private ClientAuthenticationMethod? Unsupported(string key, string? method)
    {
        var hint = method?.StartsWith("client_secret", StringComparison.Ordinal) == true ? " Client secrets are not accepted here." : "";
        _problems.Add($"{key}:TokenEndpointAuthMethod", $"is {(method is null ? "missing" : $"'{method}'")}; use \"{ClientOptions.PrivateKeyJwt}\" (signed assertions) or \"{ClientOptions.TlsClientAuth}\" (client certificate).{hint}");
        return null;
    }

    private PartnerRegistration? Partner(string key, ClientOptions client, IReadOnlyList<PartnerRegistration> partners)
    {
        if (client.Partner is null)
        {
            return null;
        }

        var partner = partners.FirstOrDefault(p => p.Name == client.Partner);
        if (partner is null)
        {
            _problems.Add($"{key}:Partner", $"is '{client.Partner}', which no entry of Authority:Partners is named; add the partner or fix the name.");
        }
        else if (client.MayActFor.Count > 0)
        {
            _problems.Add($"{key}:MayActFor", "is set on a partner's client; a partner's client only presents its authority's grants, it acts for no one here. Remove it.");
        }

        return partner;
    }

    private JsonWebKeySet? Keys(string key, ClientOptions client)
    {
        var sources = new[] { client.Jwks is not null, client.JwksFile is not null, client.PublicKeyFile is not null }.Count(set => set);
        if (sources != 1 || client.TlsClientAuthSubjectDn is not null || client.TlsClientAuthSanUri is not null || client.TlsClientAuthSanDns is not null)
        {
            _problems.Add($"{key}:Jwks", $"and JwksFile, PublicKeyFile: a {ClientOptions.PrivateKeyJwt} client needs exactly one of them (its public signing keys) and no TlsClientAuth* setting.");
            return null;
        }

        return client.Jwks is not null ? _files.ParseInlineJwks($"{key}:Jwks", client.Jwks)
            : client.JwksFile is not null ? _files.LoadJwksFile($"{key}:JwksFile", client.JwksFile)
            : _files.LoadPublicKeyFile($"{key}:PublicKeyFile", client.PublicKeyFile);
    }

    private CertificateMatch? Certificate(string key, ClientOptions client, CertificateTrust? trust)
    {
        string?[] names = [client.TlsClientAuthSubjectDn, client.TlsClientAuthSanUri, client.TlsClientAuthSanDns];
        if (names.Count(n => n is not null) != 1 || client.Jwks is not null || client.JwksFile is not null || client.PublicKeyFile is not null)
        {
            _problems.Add($"{key}:TlsClientAuthSubjectDn", $"and TlsClientAuthSanUri, TlsClientAuthSanDns: a {ClientOptions.TlsClientAuth} client needs exactly one of them (what its certificate must say, e.g. \"CN=bank gateway, O=bank\") and no key setting.");
            return null;
        }

        if (trust is null)
        {
            _problems.Add("Authority:Tls:ClientCertificateAuthorityFile", $"is missing, but {key} uses {ClientOptions.TlsClientAuth}; name the PEM CA its certificate chains to (e.g. certs-dev/ca.crt), or a CertificateAuthorityFile on its partner.");
            return null;
        }

        return client.TlsClientAuthSubjectDn is { } dn ? _problems.Catch($"{key}:TlsClientAuthSubjectDn", () => CertificateMatch.BySubject(dn))
            : client.TlsClientAuthSanUri is { } uri ? CertificateMatch.ByUri(uri)
            : CertificateMatch.ByDns(client.TlsClientAuthSanDns!);
    }

    private void CheckList(string key, IReadOnlyList<string> values, string what, bool allowSpaces)
    {
        if (values.Count == 0)
        {
            _problems.Add(key, $"is empty; list {what}.");
        }

        foreach (var (value, index) in values.Select((v, i) => (v, i)))
        {
            if (string.IsNullOrWhiteSpace(value) || (!allowSpaces && value.Contains(' ', StringComparison.Ordinal)))
            {
                _problems.Add($"{key}:{index}", $"is '{value}'; each entry is one non-empty value{(allowSpaces ? "" : " without spaces")}.");
            }
        }
    }
}
