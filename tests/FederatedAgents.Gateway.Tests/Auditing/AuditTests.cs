using System.Security.Cryptography;
using FederatedAgents.Audit.Events;
using FederatedAgents.Gateway.Auditing;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;

namespace FederatedAgents.Gateway.Tests.Auditing;

/// <summary>
/// Every decision through the secured gateway becomes an audit record — who, what, why, the status, digests — that is
/// in the log by the time the caller has its status, and a partner gets a receipt for it that verifies with the
/// organization's published audit keys.
/// </summary>
public sealed class AuditTests : SecureGatewayTest
{
    [Fact]
    public async Task AllowedPartnerCall_RecordedWithChainAndDigests_ReceiptVerifies()
    {
        using var channel = Bank.PartnerChannel();
        var token = Bank.Token(actors: 2);
        var request = new EchoRequest { Message = "audited" };
        var headers = new Metadata().Add("authorization", $"Bearer {token.Token}").Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(headers), request);
        var response = await call.ResponseAsync.Bounded();

        var record = Assert.IsType<CallCompletedEvent>(Assert.Single(await Bank.RecordsAsync()));
        Assert.Equal(("bank", "/federatedagents.testing.Echo/Unary", 0, "bureau", "bureau-gateway"), (record.Org, record.Method, record.GrpcStatus, record.PartnerOrg, record.ClientId));
        Assert.Equal(("alice@https://auth.bank.example", "txn-1", "testing"), (record.Subject?.ToString(), record.Txn, record.Purpose));
        Assert.Equal(["agent-0@https://auth.bank.example", "agent-1@https://auth.bank.example"], record.Actors.Select(a => a.ToString()));
        Assert.Equal(["echo:call"], record.Scopes);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", record.TraceId);
        Assert.Equal(Framed(request), record.RequestDigest?.ToString());
        Assert.Equal(Framed(response), record.ResponseDigest?.ToString());

        var receipt = call.GetTrailers().GetValue(AuditObserver.ReceiptTrailer);
        Assert.NotNull(receipt);
        var verified = await Bank.ReceiptVerifier().VerifyAsync(receipt, "bank", audience: "bureau", TestContext.Current.CancellationToken).AsTask().Bounded();
        Assert.True(verified.IsValid, verified.Problem);
        Assert.Equal(("allowed", 0L, record.RequestDigest), (verified.Receipt.Decision, verified.Receipt.LeafIndex, verified.Receipt.RequestDigest));
    }

    [Fact]
    public async Task DeniedPartnerCall_RecordedWithReason_ReceiptInTrailersOnlyResponse()
    {
        using var channel = Bank.PartnerChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => AuthenticationTestsEcho(channel, Bank.Token(scopes: ["echo:read"]).Token));

        var record = Assert.IsType<CallDeniedEvent>(Assert.Single(await Bank.RecordsAsync()));
        Assert.Equal((7, ex.Status.Detail, "bureau"), (record.GrpcStatus, record.Reason, record.PartnerOrg));
        var receipt = ex.Trailers.GetValue(AuditObserver.ReceiptTrailer);
        Assert.NotNull(receipt);
        var verified = await Bank.ReceiptVerifier().VerifyAsync(receipt, "bank", audience: "bureau", TestContext.Current.CancellationToken).AsTask().Bounded();
        Assert.True(verified.IsValid, verified.Problem);
        Assert.Equal(("denied", 7), (verified.Receipt.Decision, verified.Receipt.GrpcStatus));
    }

    [Fact]
    public async Task CallWithoutToken_RecordedAsDeniedWithoutSubject()
    {
        using var channel = Bank.PartnerChannel();

        await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest()).ResponseAsync.Bounded());

        var record = Assert.IsType<CallDeniedEvent>(Assert.Single(await Bank.RecordsAsync()));
        Assert.Equal((16, (IssuerQualifiedName?)null), (record.GrpcStatus, record.Subject));
    }

    [Fact]
    public async Task LocalCall_RecordedWithoutReceipt()
    {
        using var call = Bank.Gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, SecureGateway.Bearer(Bank.Token(boundTo: null).Token), new EchoRequest { Message = "local" });
        await call.ResponseAsync.Bounded();

        Assert.Null(call.GetTrailers().GetValue(AuditObserver.ReceiptTrailer));
        Assert.Null(Assert.IsType<CallCompletedEvent>(Assert.Single(await Bank.RecordsAsync())).PartnerOrg);
    }

    [Fact]
    public async Task EveryCallOfABurst_InTheLogBeforeItsCallerHasItsStatus()
    {
        using var channel = Bank.PartnerChannel();
        var token = Bank.Token().Token;
        for (var i = 0; i < 5; i++)
        {
            await AuthenticationTestsEcho(channel, token);

            Assert.Equal(i + 1, (await Bank.RecordsAsync()).Count);
        }
    }

    private static Task<EchoResponse> AuthenticationTestsEcho(GrpcChannel channel, string token) =>
        Authentication.AuthenticationTests.EchoAsync(channel, token, "audit");

    /// <summary>The hex SHA-256 of a message as framed on the wire (uncompressed flag, length, bytes).</summary>
    private static string Framed(IMessage message)
    {
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), bytes.Length);
        bytes.CopyTo(frame, 5);
        return Convert.ToHexStringLower(SHA256.HashData(frame));
    }
}
