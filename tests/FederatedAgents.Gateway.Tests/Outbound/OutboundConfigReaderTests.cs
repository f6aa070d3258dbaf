using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Outbound;
using FederatedAgents.Testing;
using Microsoft.Extensions.Configuration;

namespace FederatedAgents.Gateway.Tests.Outbound;

public sealed class OutboundConfigReaderTests
{
    private static readonly Dictionary<string, string?> s_valid = new()
    {
        ["Gateway:Outbound:Organization"] = "bank",
        ["Gateway:Outbound:ClientId"] = "bank-gateway",
        ["Gateway:Outbound:ClientCertificate:Path"] = "client.crt",
        ["Gateway:Outbound:ClientCertificate:KeyPath"] = "client.key",
        ["Gateway:Outbound:TrustedCertificateAuthority"] = "ca.crt",
        ["Gateway:Outbound:Authority:Issuer"] = "https://127.0.0.1:7443",
        ["Gateway:Outbound:Authority:Audience"] = "https://127.0.0.1:7444",
        ["Gateway:Outbound:Partners:0:Name"] = "bureau",
    };

    [Fact]
    public void Read_Complete_PartnerDefaultsToRequiringReceipts()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("bureau.jwks.json"), "{\"keys\":[]}");
        var settings = new Dictionary<string, string?>(s_valid) { ["Gateway:Outbound:Partners:0:AuditKeysFile"] = "bureau.jwks.json" };

        var config = OutboundConfigReader.Read(Configuration(settings), folder.Path);

        Assert.Equal(folder.Combine("ca.crt"), config.TrustedCertificateAuthority);
        Assert.True(config.Partner("bureau")!.RequireReceipt);
        Assert.Null(config.Partner("ratings"));
    }

    [Theory]
    [InlineData("Gateway:Outbound:ClientId", null, "Gateway:Outbound:ClientId")]
    [InlineData("Gateway:Outbound:Authority:Audience", null, "Gateway:Outbound:Authority:Audience")]
    [InlineData("Gateway:Outbound:Partners:0:AuditKeysFile", "missing.jwks.json", "Gateway:Outbound:Partners:0:AuditKeysFile: '/base/missing.jwks.json' does not exist")]
    [InlineData("Gateway:Outbound:Typo", "x", "Gateway:Outbound:Typo")]
    public void Read_Broken_NamesTheKey(string key, string? value, string mentions)
    {
        var settings = new Dictionary<string, string?>(s_valid) { [key] = value };

        var failure = Assert.Throws<GatewayConfigurationException>(() => OutboundConfigReader.Read(Configuration(settings), "/base"));

        Assert.Contains(failure.Errors, e => e.StartsWith(mentions, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NoSection_SaysWhatToAddOrRemove()
    {
        var failure = Assert.Throws<GatewayConfigurationException>(() => OutboundConfigReader.Read(Configuration([]), "/base"));

        Assert.Contains("AddOutboundCalls()", failure.Errors.Single(), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
