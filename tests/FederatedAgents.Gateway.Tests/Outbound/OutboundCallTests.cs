using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Tests.Outbound;

/// <summary>A local agent's call to a partner's agent across two real gateways and authorities (loopback TLS).</summary>
public sealed class OutboundCallTests
{
    [Fact]
    public async Task CallToPartner_DelegatedToken_ReachesTheCreditAgentWithAChainedCertificateBoundToken()
    {
        await using var org = await CrossOrg.StartAsync();
        var token = await org.Bank.DelegateAsync("alice", "loan-agent");

        var (response, trailers) = await org.AssessAsync(token);

        Assert.Equal(Decision.Approve, response.Decision);
        var audit = org.BureauAudit;
        Assert.False(audit.ReceivedTargetHeader);
        Assert.StartsWith("Bearer ", audit.ReceivedAuthorization, StringComparison.Ordinal);
        var partnerToken = audit.ReceivedAuthorization![7..];
        Assert.NotEqual(token, partnerToken);
        var claims = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(partnerToken.Split('.')[1])).RootElement;
        Assert.Equal(org.Bureau.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal($"alice", claims.GetProperty("sub").GetString()!.Split('@')[0]);
        Assert.True(claims.GetProperty("cnf").TryGetProperty("x5t#S256", out _));
        Assert.NotNull(trailers.GetValue(FederationMetadata.AuditReceipt));
    }
}
