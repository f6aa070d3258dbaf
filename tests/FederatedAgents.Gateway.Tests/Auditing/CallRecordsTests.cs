using System.Buffers;
using System.Buffers.Binary;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Gateway.Auditing;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Outbound;
using FederatedAgents.Gateway.Tests.Egress;
using FederatedAgents.Grpc;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Gateway.Tests.Auditing;

public sealed class CallRecordsTests
{
    [Fact]
    public void Completed_OutboundCallWhoseRequestLostFields_RecordsTheRequestPaths()
    {
        var request = new AssessResponse { ModelVersion = "v1", Report = new CreditReport { NationalId = "900101-1234" } }.ToByteArray();
        var frame = new byte[5 + request.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)request.Length);
        request.CopyTo(frame, 5);
        var buffer = new ReadOnlySequence<byte>(frame);
        var filter = new EgressFrameFilter(Filters.For(AssessResponse.Descriptor), null, 64 * 1024);
        filter.Filter(ref buffer, new ArrayBufferWriter<byte>());
        using var call = new GatewayCall(new DefaultHttpContext(), null!, "/pkg.Service/Method", null, CallerInfo.Local, digestPayloads: false, 0) { RequestFilter = filter };
        var result = new GatewayCallResult(Status.DefaultSuccess, TimeSpan.FromMilliseconds(3), new PayloadSummary(0, 1, null), new PayloadSummary(0, 1, null));

        var record = CallRecords.Completed(call, "bank", DateTimeOffset.UnixEpoch, result);

        Assert.Equal(["model_version", "report.national_id"], record.RemovedFields);
    }

    [Theory]
    [InlineData(true, 13, "allowed; ended with Internal: void; partner receipt rejected: no receipt")]
    [InlineData(false, 0, "allowed; partner receipt rejected: no receipt")]
    public void Completed_OutboundCallWithoutValidReceipt_RecordsWhatTheCallerGot(bool voided, int expectedStatus, string expectedReason)
    {
        var hop = new OutboundHop("bureau", "token", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        {
            Receipt = AuditReceiptResult.Failure("no receipt"),
            VoidedStatus = voided ? new Status(StatusCode.Internal, "void") : null,
        };
        using var call = new GatewayCall(new DefaultHttpContext(), null!, "/pkg.Service/Method", null, CallerInfo.Local, digestPayloads: false, 0) { Outbound = hop };
        var result = new GatewayCallResult(Status.DefaultSuccess, TimeSpan.FromMilliseconds(3), new PayloadSummary(0, 1, null), new PayloadSummary(0, 1, null));

        var record = CallRecords.Completed(call, "bank", DateTimeOffset.UnixEpoch, result);

        Assert.Equal((expectedStatus, expectedReason), (record.GrpcStatus, record.Reason));
    }
}
