namespace FederatedAgents.Cli.Tests.Token;

/// <summary>The token verbs against an authority the CLI itself runs.</summary>
public sealed class TokenCommandTests(RunningOrganization authority) : IClassFixture<RunningOrganization>
{
    [Fact]
    public async Task TokenGet_PrivateKeyJwt_PrintsATokenThatInspectValidates()
    {
        var get = await authority.InvokeAsync(["token", "get", .. authority.AsOrchestrator(), "--scope", "loans.read"]);

        Assert.True(get.ExitCode == 0, get.Error);
        var token = get.Out.Trim();
        Assert.Equal(3, token.Split('.').Length);
        var inspect = await authority.InvokeAsync("token", "inspect", token, "--issuer", authority.Issuer, "--ca", authority.Ca);
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Contains($"valid     access token (at+jwt) from {authority.Issuer}", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("client    orchestrator", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("\"scope\": \"loans.read\"", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenGet_TlsClientAuthWithJson_PrintsTheWholeResponse()
    {
        var client = authority.Organization.Certificates["bank"].Client;

        var get = await authority.InvokeAsync(
            "token", "get", "--authority", authority.Issuer, "--client-id", "bank-gateway", "--cert", client.CertificatePath, "--cert-key", client.KeyPath, "--ca", authority.Ca, "--json");

        Assert.True(get.ExitCode == 0, get.Error);
        Assert.Contains("\"token_type\": \"Bearer\"", get.Out, StringComparison.Ordinal);
        Assert.Contains("\"scope\": \"credit.read loans.read\"", get.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenGet_ScopeTheClientMayNotHold_Exit1WithTheAuthoritysReason()
    {
        var get = await authority.InvokeAsync(["token", "get", .. authority.AsOrchestrator(), "--scope", "loans.delete"]);

        Assert.Equal(1, get.ExitCode);
        Assert.Contains("The authority refused: invalid_scope: client 'orchestrator' may not hold 'loans.delete'", get.Error, StringComparison.Ordinal);
        Assert.Empty(get.Out);
    }

    [Theory]
    [InlineData(new string[0], "exactly one of --key")]
    [InlineData(new[] { "--key", "orchestrator.key", "--cert", "client.crt", "--cert-key", "client.key" }, "exactly one of --key")]
    [InlineData(new[] { "--cert", "client.crt" }, "--cert and --cert-key go together")]
    public async Task TokenGet_ClientAuthenticationOptionsInconsistent_UsageError(string[] options, string message)
    {
        var get = await authority.InvokeAsync(["token", "get", "--authority", authority.Issuer, "--client-id", "orchestrator", .. options]);

        Assert.Equal(2, get.ExitCode);
        Assert.Contains(message, get.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenExchange_SubjectFromFile_InspectShowsTheChainAsATree()
    {
        File.WriteAllText(Path.Combine(authority.Folder, "alice.jwt"), await authority.LoginAsync());

        var exchange = await authority.InvokeAsync(["token", "exchange", .. authority.AsOrchestrator(), "--subject-token", "@alice.jwt", "--scope", "credit.read", "--purpose", "loan"]);

        Assert.True(exchange.ExitCode == 0, exchange.Error);
        var inspect = await authority.InvokeAsync("token", "inspect", exchange.Out.Trim(), "--issuer", authority.Issuer, "--ca", authority.Ca);
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Contains(
            string.Join(Environment.NewLine, $"alice@{authority.Issuer} (subject)", $"└─ orchestrator@{authority.Issuer} (current actor)", "scope: credit.read"),
            inspect.Out,
            StringComparison.Ordinal);
        Assert.Contains("purpose: loan", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenInspect_FromStandardInputWithAJwksFile_Validates()
    {
        var token = await authority.LoginAsync();
        using var http = new HttpClient(Authority.Client.AuthorityHttp.CreateHandler(trustedAuthority: Certificates.Pem.CertificateFiles.LoadCertificate(authority.Ca)));
        File.WriteAllText(Path.Combine(authority.Folder, "jwks.json"), await http.GetStringAsync($"{authority.Issuer}/jwks", TestContext.Current.CancellationToken));

        var inspect = await CliRun.InvokeWithInputAsync(authority.Folder, token + "\n", "token", "inspect", "-", "--jwks", "jwks.json");

        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Contains("may act next: orchestrator@", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenInspect_TamperedToken_Exit1WithTheReason()
    {
        var parts = (await authority.LoginAsync()).Split('.');
        var tampered = string.Join('.', parts[0], parts[1], "A" + parts[2][1..]);

        var inspect = await authority.InvokeAsync("token", "inspect", tampered, "--issuer", authority.Issuer, "--ca", authority.Ca);

        Assert.Equal(1, inspect.ExitCode);
        Assert.Contains("Invalid: the signature does not verify", inspect.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenInspect_NoKeySource_UsageError()
    {
        var inspect = await authority.InvokeAsync("token", "inspect", "x.y.z");

        Assert.Equal(2, inspect.ExitCode);
        Assert.Contains("exactly one of --issuer <url> or --jwks <file|url>", inspect.Error, StringComparison.Ordinal);
    }
}
