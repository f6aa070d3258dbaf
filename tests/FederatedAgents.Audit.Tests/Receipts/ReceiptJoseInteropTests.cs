using System.Text.Json.Nodes;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Checkpoints;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Audit.Tests.Receipts;

/// <summary>An audit receipt verified by an independent JOSE implementation (the <c>jose</c> npm package) from the published JWKS alone.</summary>
public sealed class ReceiptJoseInteropTests
{
    [Fact]
    public async Task Receipt_VerifiesWithJoseUsingOnlyThePublishedJwks()
    {
        NodePeers.Require("jose");
        var bureau = new TestLog("bureau");
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var call = AuditReceiptTests.Call("bureau", "bank", "/bureau.Credit/Score", "txn-9");
        var receipt = new AuditReceiptIssuer("bureau", bureau.Origin, bureau.Key, time)
            .Issue(call, new AuditAppendResult(41, new TreeHead(42, MerkleHasher.EmptyRoot)));

        var result = (await NodePeers.RunScriptAsync("jose/verify.mjs", standardInput: new JsonObject
        {
            ["jwks"] = JsonNode.Parse(bureau.Keys.ToJson()),
            ["token"] = receipt.Token,
            ["issuer"] = "bureau",
            ["audience"] = "bank",
            ["typ"] = TokenTypes.AuditReceipt,
            ["algorithms"] = new JsonArray("ES256"),
        }.ToJsonString()).Bounded()).EnsureSuccess();
        var payload = JsonNode.Parse(result.StandardOutput)!["payload"]!;

        Assert.Equal(41, payload[AuditReceiptClaims.LeafIndex]!.GetValue<long>());
        Assert.Equal(receipt.LeafHash.ToString(), payload[AuditReceiptClaims.LeafHash]!.GetValue<string>());
        Assert.Equal("txn-9", payload[AuditReceiptClaims.Txn]!.GetValue<string>());
    }
}
