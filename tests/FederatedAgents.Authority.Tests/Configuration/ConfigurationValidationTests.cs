namespace FederatedAgents.Authority.Tests.Configuration;

/// <summary>A broken configuration per row: startup stops with the full key at fault and the fix.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Authority:Issuer", null, "Authority:Issuer is missing; set it to the https URL")]
    [InlineData("Authority:Issuer", "http://127.0.0.1:7443", "Authority:Issuer is 'http://127.0.0.1:7443'; an issuer is an https URL")]
    [InlineData("Authority:Issuer", "https://127.0.0.1:7443/", "remove the trailing '/'")]
    [InlineData("Authority:Listen", "https://auth.bank.example:7443", "Authority:Listen is 'https://auth.bank.example:7443'; use an https URL with an IP address")]
    [InlineData("Authority:Tls:CertificateFile", "missing.crt", "Authority:Tls:CertificateFile names ")]
    [InlineData("Authority:Tls:ClientCertificateAuthorityFile", null, "Authority:Tls:ClientCertificateAuthorityFile is missing, but Authority:Clients:2 uses tls_client_auth")]
    [InlineData("Authority:Clients:1:Scopes", null, "Authority:Clients:1:Scopes is empty; list the scopes this client may hold")]
    [InlineData("Authority:Clients:1:Audiences", null, "Authority:Clients:1:Audiences is empty")]
    [InlineData("Authority:Clients:1:TokenEndpointAuthMethod", "client_secret_basic", "Authority:Clients:1:TokenEndpointAuthMethod is 'client_secret_basic'; use \"private_key_jwt\"")]
    [InlineData("Authority:Clients:1:ClientId", "orchestrator", "Authority:Clients:1:ClientId is 'orchestrator', which another client already uses")]
    [InlineData("Authority:Clients:1:Jwks", null, "Authority:Clients:1:Jwks and JwksFile, PublicKeyFile: a private_key_jwt client needs exactly one")]
    [InlineData("Authority:Clients:1:JwksFile", "keys.json", "Authority:Clients:1:Jwks and JwksFile, PublicKeyFile")]
    [InlineData("Authority:Clients:1:MayActFor:0", "alice", "Authority:Clients:1:MayActFor:0 is 'alice'; name an issuer-qualified subject")]
    [InlineData("Authority:Clients:2:Partner", "nobody", "Authority:Clients:2:Partner is 'nobody', which no entry of Authority:Partners is named")]
    [InlineData("Authority:Clients:2:TlsClientAuthSubjectDn", "not a name", "Authority:Clients:2:TlsClientAuthSubjectDn cannot be used")]
    [InlineData("Authority:MaxDelegationDepth", "0", "Authority:MaxDelegationDepth is 0; allow between 1 and 16")]
    [InlineData("Authority:MaxDelegationDepth", "deep", "Authority:MaxDelegationDepth")]
    [InlineData("Authority:AccessTokenLifetime", "1.00:00:00", "Authority:AccessTokenLifetime is 1.00:00:00; use minutes")]
    [InlineData("Authority:AuthorizationGrantLifetime", "00:30:00", "Authority:AuthorizationGrantLifetime is 00:30:00; grants are short-lived")]
    [InlineData("Authority:SigningKeys:Development", "false", "Authority:SigningKeys:CurrentKeyFile is missing; name PEM private keys")]
    [InlineData("Authority:SigningKeys:CurrentKeyFile", "current.pem", "Authority:SigningKeys:Development is true while key files are named too")]
    [InlineData("Authority:DevIdentityProvider:Users:0:MayAct", "nobody", "Authority:DevIdentityProvider:Users:0:MayAct is 'nobody', which is not one of this organization's clients")]
    [InlineData("Authority:DevIdentityProvider:Users:1:Password", null, "Authority:DevIdentityProvider:Users:1:Password is missing")]
    [InlineData("Authority:Partners:0:Name", "bureau", "Authority:Partners:0:Issuer is missing; set it to the exact issuer identifier")]
    [InlineData("Authority:TrustedIdentityProviders:0:Issuer", "https://idp.bank.test", "Authority:TrustedIdentityProviders:0:JwksUri and JwksFile: set exactly one")]
    [InlineData("Authority:Clientz:0:ClientId", "typo", "Clientz")]
    [InlineData("Storage:Provider", "mysql", "Storage:Provider is 'mysql'; use \"sqlite\"")]
    [InlineData("Storage:Provider", "postgres", "Storage:ConnectionString is missing; the postgres provider needs an Npgsql connection string")]
    [InlineData("Organization:Name", "Bank Corp", "Organization:Name is 'Bank Corp'; set a short lowercase name")]
    public async Task Start_BrokenSetting_StopsNamingTheKeyAndTheFix(string key, string? value, string expected)
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.Remove(key);
        if (value is not null)
        {
            setup.Settings[key] = value;
        }

        var problems = await StartupProblemsAsync(setup);

        Assert.True(problems.Contains(expected, StringComparison.Ordinal), $"'{expected}' is not in:\n{problems}");
    }

    [Fact]
    public async Task Start_SeveralBrokenSettings_AllAreReportedAtOnce()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.Settings["Authority:Issuer"] = "http://bank";
        setup.Remove("Authority:Clients:1:Scopes");
        setup.Settings["Authority:MaxDelegationDepth"] = "99";
        setup.Settings["Storage:Provider"] = "mysql";

        var problems = await StartupProblemsAsync(setup);

        Assert.All(
            new[] { "Authority:Issuer", "Authority:Clients:1:Scopes", "Authority:MaxDelegationDepth", "Storage:Provider" },
            key => Assert.True(problems.Contains(key, StringComparison.Ordinal), $"{key} is not in:\n{problems}"));
    }

    /// <summary>Starts the authority, expecting it to refuse; the text of every reason.</summary>
    private static async Task<string> StartupProblemsAsync(AuthoritySetup setup)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await setup.StartAsync()).DisposeAsync());
        return error is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(e => e.Message))
            : error.Message;
    }
}
