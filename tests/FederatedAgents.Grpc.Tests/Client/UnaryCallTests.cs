using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.Tests.Client;

public class UnaryCallTests
{
    private static readonly Method<string, string> s_unary = GrpcWire.Method(MethodType.Unary);

    private static async Task<RpcException> CallFailsAsync(RequestDelegate handler, GrpcChannelOptions? options = null)
    {
        await using var endpoint = await TestEndpoint.StartAsync(handler);
        using var channel = endpoint.CreateChannel(options);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());
        Assert.Equal(ex.Status, call.GetStatus());
        return ex;
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerReplies_SendsGrpcRequestAndReturnsResponseHeadersTrailers()
    {
        Dictionary<string, string>? headers = null;
        List<string>? requests = null;
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            headers[":path"] = context.Request.Path;
            headers[":method"] = context.Request.Method;
            requests = await GrpcWire.ReadMessagesAsync(context);
            context.Response.Headers["x-header"] = "h";
            await GrpcWire.WriteMessageAsync(context, "pong");
            context.Response.AppendTrailer("x-trailer-bin", Convert.ToBase64String([1, 2, 3]));
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel();
        var metadata = new Metadata().Add("x-custom", "value").Add("x-data-bin", [0xff, 0x00]);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, new CallOptions(metadata), "ping");

        Assert.Equal("pong", await call.ResponseAsync.Bounded());
        Assert.Equal("h", (await call.ResponseHeadersAsync.Bounded()).GetValue("x-header"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal([1, 2, 3], call.GetTrailers().GetValueBytes("x-trailer-bin"));
        Assert.Equal(["ping"], requests);
        Assert.Equal("POST", headers![":method"]);
        Assert.Equal("/test.Wire/Call", headers[":path"]);
        Assert.Equal("trailers", headers["TE"]);
        Assert.Equal(GrpcProtocol.ContentType, headers["Content-Type"]);
        Assert.StartsWith("federatedagents-grpc-dotnet/", headers["User-Agent"]);
        Assert.Equal("identity,gzip", headers[GrpcProtocol.AcceptEncodingHeader]);
        Assert.Equal("value", headers["x-custom"]);
        Assert.Equal("/wA", headers["x-data-bin"]);
        Assert.False(headers.ContainsKey(GrpcProtocol.TimeoutHeader));
        Assert.False(headers.ContainsKey(GrpcProtocol.EncodingHeader));
    }

    [Fact]
    public async Task AsyncUnaryCall_TrailersOnlyError_StatusMessageAndMetadataFromHeaders()
    {
        const string Detail = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
        await using var endpoint = await TestEndpoint.StartAsync(context =>
        {
            context.Response.Headers["x-reason"] = "missing";
            return GrpcWire.TrailersOnly(context, StatusCode.NotFound, Detail);
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());
        var headersEx = await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync.Bounded());

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal(Detail, ex.Status.Detail);
        Assert.Equal("missing", ex.Trailers.GetValue("x-reason"));
        Assert.Equal("missing", call.GetTrailers().GetValue("x-reason"));
        Assert.Equal(ex.Status, headersEx.Status);
    }

    [Fact]
    public async Task AsyncUnaryCall_ErrorInTrailersAfterHeaders_IsTheCallStatus()
    {
        var ex = await CallFailsAsync(async context =>
        {
            GrpcWire.StartResponse(context);
            await context.Response.StartAsync();
            GrpcWire.EndCall(context, StatusCode.PermissionDenied, "100% denied");
        });

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("100% denied", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_OkWithoutMessage_IsInternal()
    {
        var ex = await CallFailsAsync(context => GrpcWire.TrailersOnly(context, StatusCode.OK));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("no response message", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_TwoResponseMessages_IsInternal()
    {
        var ex = await CallFailsAsync(async context =>
        {
            await GrpcWire.WriteMessageAsync(context, "one");
            await GrpcWire.WriteMessageAsync(context, "two");
            GrpcWire.EndCall(context, StatusCode.OK);
        });

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("more than one", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_ResponseOverMaxReceiveSize_IsResourceExhausted()
    {
        var ex = await CallFailsAsync(
            async context =>
            {
                await GrpcWire.WriteMessageAsync(context, new string('x', 100));
                GrpcWire.EndCall(context, StatusCode.OK);
            },
            new GrpcChannelOptions { MaxReceiveMessageSize = 16 });

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_RequestOverMaxSendSize_IsResourceExhaustedAndNothingSent()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.ReplyAsync(context, "pong"));
        using var channel = endpoint.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 8 });

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "a message over eight bytes");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(0, endpoint.RequestCount);
    }

    [Fact]
    public async Task AsyncUnaryCall_InvalidGrpcStatus_IsUnknown()
    {
        var ex = await CallFailsAsync(context =>
        {
            context.Response.ContentType = GrpcProtocol.ContentType;
            context.Response.Headers[GrpcProtocol.StatusTrailer] = "OK";
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("'OK'", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_ReservedMetadataKey_ThrowsBeforeSending()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.ReplyAsync(context, "pong"));
        using var channel = endpoint.CreateChannel();
        var options = new CallOptions(new Metadata().Add("grpc-timeout", "1S"));

        var ex = Assert.Throws<ArgumentException>(() => channel.CreateCallInvoker().AsyncUnaryCall(s_unary, options, "ping"));

        Assert.Contains("grpc-timeout", ex.Message);
        Assert.Equal(0, endpoint.RequestCount);
    }
}
