using System.Buffers.Text;
using System.Text;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Checkpoints;
using FederatedAgents.Audit.Tests.Events;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Audit.Tests.Receipts;

/// <summary>The bureau receives a call from the bank, logs it and returns a receipt; the bank verifies it offline.</summary>
public sealed class AuditReceiptTests : StoreTest
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000));
    private readonly TestLog _bureau = new("bureau");

    [Fact]
    public async Task Issue_CompletedCall_VerifiesOfflineWithTheIssuersKeysAndCarriesTheCall()
    {
        var (call, appended, receipt) = await ReceiveCallAsync();

        var result = await Verifier().VerifyAsync(receipt.Token, "bureau", "bank", Ct).Bounded();

        Assert.True(result.IsValid, result.Problem);
        var verified = result.Receipt;
        Assert.Equal((appended.Index, appended.TreeHead, "bureau.example/audit"), (verified.LeafIndex, verified.TreeHead, verified.LogOrigin));
        Assert.Equal(MerkleHasher.HashLeaf(AuditEventSerializer.Serialize(call)), verified.LeafHash);
        Assert.Equal(("txn-7", "/bureau.Credit/Score", "allowed", 0), (verified.Txn, verified.Method, verified.Decision, verified.GrpcStatus));
        Assert.Equal((call.RequestDigest, call.ResponseDigest), (verified.RequestDigest, verified.ResponseDigest));
        Assert.Equal(_time.GetUtcNow(), verified.IssuedAt);
    }

    [Fact]
    public async Task Issue_DeniedCall_SaysDeniedWithItsStatus()
    {
        var denied = new CallDeniedEvent
        {
            EventId = "evt-denied", OccurredAt = SampleEvents.At, Org = "bureau", PartnerOrg = "bank",
            Method = "/bureau.Credit/Score", GrpcStatus = 7, Txn = "txn-7",
        };
        var receipt = Issuer().Issue(denied, await Store.AppendAsync(denied, Ct).Bounded());

        var verified = (await Verifier().VerifyAsync(receipt.Token, "bureau", "bank", Ct).Bounded()).Receipt!;

        Assert.Equal(("denied", 7), (verified.Decision, verified.GrpcStatus));
    }

    [Fact]
    public async Task VerifyAsync_PayloadTampered_IsRejectedForItsSignature()
    {
        var (_, _, receipt) = await ReceiveCallAsync();
        var parts = receipt.Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"allowed\"", "\"denied\"");
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        var result = await Verifier().VerifyAsync(tampered, "bureau", "bank", Ct).Bounded();

        Assert.Contains("signature does not verify", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_SignedWithAnotherKey_IsRejected()
    {
        var (call, appended, _) = await ReceiveCallAsync();
        var forged = new AuditReceiptIssuer("bureau", _bureau.Origin, SigningKey.Generate(), _time).Issue(call, appended);

        var result = await Verifier().VerifyAsync(forged.Token, "bureau", "bank", Ct).Bounded();

        Assert.False(result.IsValid);
        Assert.Contains("has no key", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_AccessTokenTypedStatement_IsRejectedForItsType()
    {
        var (_, _, receipt) = await ReceiveCallAsync();
        var payload = Base64Url.DecodeFromChars(receipt.Token.Split('.')[1]);
        var retyped = CompactJws.Sign(_bureau.Key, TokenTypes.AccessToken, payload);

        var result = await Verifier().VerifyAsync(retyped, "bureau", "bank", Ct).Bounded();

        Assert.Contains("typ is 'at+jwt'", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_ExpectingAnotherIssuerOrAudience_IsRejected()
    {
        var (_, _, receipt) = await ReceiveCallAsync();
        var verifier = new AuditReceiptVerifier(new Dictionary<string, JsonWebKeySet> { ["bureau"] = _bureau.Keys, ["insurer"] = _bureau.Keys }, _time);

        var otherIssuer = await verifier.VerifyAsync(receipt.Token, "insurer", "bank", Ct).Bounded();
        var otherAudience = await verifier.VerifyAsync(receipt.Token, "bureau", "insurer", Ct).Bounded();

        Assert.Contains("issuer 'bureau' is not accepted", otherIssuer.Problem);
        Assert.Contains("not 'insurer'", otherAudience.Problem);
    }

    [Fact]
    public async Task VerifyAsync_SignedButMissingAReceiptClaim_SaysWhichClaim()
    {
        var statement = CompactJws.Sign(_bureau.Key, TokenTypes.AuditReceipt, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("iss", "bureau");
            writer.WriteNumber("iat", _time.GetUtcNow().ToUnixTimeSeconds());
            writer.WriteString(AuditReceiptClaims.LogOrigin, _bureau.Origin);
            writer.WriteEndObject();
        });

        var result = await Verifier().VerifyAsync(statement, "bureau", cancellationToken: Ct).Bounded();

        Assert.Contains($"claim '{AuditReceiptClaims.LeafIndex}' is missing", result.Problem);
    }

    [Fact]
    public async Task CheckInclusion_ProofAgainstALaterCheckpoint_ShowsTheLeafIsInTheIssuersLog()
    {
        var (_, appended, receipt) = await ReceiveCallAsync();
        await Store.AppendBatchAsync(AuditLogVerifierContract.Events(5), Ct).Bounded();
        var checkpoint = _bureau.Sign(await Store.GetTreeHeadAsync(Ct).Bounded());
        var proof = await Store.GetInclusionProofAsync(appended.Index, checkpoint.Head.Size, Ct).Bounded();
        var headProof = await Store.GetConsistencyProofAsync(receipt.TreeHead.Size, checkpoint.Head.Size, Ct).Bounded();

        Assert.Null(receipt.CheckInclusion(checkpoint, proof));
        Assert.Null(receipt.CheckConsistency(checkpoint, headProof));
    }

    [Fact]
    public async Task CheckInclusion_ReceiptForALeafTheLogDoesNotHold_SaysSo()
    {
        var (_, appended, receipt) = await ReceiveCallAsync();
        var checkpoint = _bureau.Sign(await Store.GetTreeHeadAsync(Ct).Bounded());
        var proof = await Store.GetInclusionProofAsync(appended.Index, checkpoint.Head.Size, Ct).Bounded();

        var problem = (receipt with { LeafHash = MerkleHasher.HashLeaf("never logged"u8) }).CheckInclusion(checkpoint, proof);

        Assert.Contains("the issuer's log does not hold what it receipted", problem);
    }

    [Fact]
    public async Task CheckConsistency_ReceiptHeadFromAnotherView_SaysTheIssuerShowedTwoViews()
    {
        var (_, _, receipt) = await ReceiveCallAsync();
        await Store.AppendBatchAsync(AuditLogVerifierContract.Events(3), Ct).Bounded();
        var checkpoint = _bureau.Sign(await Store.GetTreeHeadAsync(Ct).Bounded());
        var proof = await Store.GetConsistencyProofAsync(receipt.TreeHead.Size, checkpoint.Head.Size, Ct).Bounded();

        var problem = (receipt with { TreeHead = receipt.TreeHead with { Root = MerkleHasher.EmptyRoot } }).CheckConsistency(checkpoint, proof);

        Assert.Contains("showed two views", problem);
    }

    [Fact]
    public async Task Issue_RecordOfAnotherOrganization_Throws()
    {
        var call = SampleEvents.Call("evt-x", 1, "bank", "/m");

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => Issuer().Issue(call, await Store.AppendAsync(call, Ct).Bounded()));

        Assert.Contains("'bank'", error.Message);
    }

    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteDatabase());

    protected override Task SeedAsync() => Store.AppendBatchAsync(AuditLogVerifierContract.Events(6), Ct).Bounded();

    internal static CallCompletedEvent Call(string org, string partner, string method, string txn, int n = 0) => new()
    {
        EventId = $"evt-{org}-{n}", OccurredAt = SampleEvents.At.AddMilliseconds(n), Org = org, PartnerOrg = partner,
        Subject = SampleEvents.Alice, Actors = [SampleEvents.PlannerAgent, SampleEvents.BankGateway], Method = method, Txn = txn,
        Scopes = ["credit.read"], GrpcStatus = 0, Latency = TimeSpan.FromMilliseconds(3),
        RequestDigest = Sha256Hash.Of(Encoding.UTF8.GetBytes($"request {n}")), ResponseDigest = Sha256Hash.Of(Encoding.UTF8.GetBytes($"response {n}")),
    };

    private AuditReceiptIssuer Issuer() => new("bureau", _bureau.Origin, _bureau.Key, _time);

    private AuditReceiptVerifier Verifier() => new(new Dictionary<string, JsonWebKeySet> { ["bureau"] = _bureau.Keys }, _time);

    private async Task<(CallCompletedEvent Call, AuditAppendResult Appended, AuditReceipt Receipt)> ReceiveCallAsync()
    {
        var call = Call("bureau", "bank", "/bureau.Credit/Score", "txn-7");
        var appended = await Store.AppendAsync(call, Ct).Bounded();
        return (call, appended, Issuer().Issue(call, appended));
    }
}
