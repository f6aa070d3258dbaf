using FederatedAgents.Authority.Configuration;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Cli.Run;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Cli.Tests.Run;

/// <summary>The commented samples in deploy/local stay valid: copied next to fresh development certificates, every setting passes the startup check.</summary>
public sealed class SampleConfigurationTests
{
    [Theory]
    [InlineData("bank.json")]
    [InlineData("bureau.json")]
    public async Task SampleConfiguration_PassesTheStartupCheck(string file)
    {
        using var repository = new TemporaryFolder();
        var local = Directory.CreateDirectory(Path.Combine(repository.Path, "deploy", "local")).FullName;
        File.Copy(RepoPaths.Combine("deploy", "local", file), Path.Combine(local, file));
        await DevCertificates.EnsureAsync(Path.Combine(repository.Path, DevCertificates.FolderName), ["bank", "bureau"], cancellationToken: TestContext.Current.CancellationToken).Bounded();
        // bank verifies bureau's receipts with the audit keys bureau's first start writes (bank.json: start bureau first).
        var bureauData = Directory.CreateDirectory(Path.Combine(repository.Path, ".fa-work", "bureau")).FullName;
        using (var auditKey = SigningKey.Generate())
        {
            File.WriteAllText(Path.Combine(bureauData, "audit-keys.jwks"), $"{{\"keys\":[{auditKey.PublicKey.ToJson()}]}}");
        }

        await using var process = await OrganizationHost.BuildAsync(Path.Combine(local, file)).Bounded();
        var app = process.Organization!;

        var authority = app.Services.GetRequiredService<IOptions<AuthorityOptions>>().Value;
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.StartsWith("https://127.0.0.1:", authority.Issuer, StringComparison.Ordinal);
        Assert.Equal(StorageOptions.Sqlite, storage.Provider);
        Assert.NotEmpty(authority.Partners);
    }
}
