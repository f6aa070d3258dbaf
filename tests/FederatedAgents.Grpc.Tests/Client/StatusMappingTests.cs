using System.Net;
using System.Net.Sockets;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>Responses without a usable grpc-status, and transport failures, become the statuses STANDARDS.md lists.</summary>
public class StatusMappingTests
{
    private static readonly Method<string, string> s_unary = GrpcWire.Method(MethodType.Unary);
    private static readonly Method<string, string> s_serverStreaming = GrpcWire.Method(MethodType.ServerStreaming);

    private static async Task<RpcException> UnaryFailsAsync(RequestDelegate handler)
    {
        await using var endpoint = await TestEndpoint.StartAsync(handler);
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(431, StatusCode.Internal)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    public async Task AsyncUnaryCall_HttpErrorWithoutGrpcStatus_MapsHttpStatus(int httpStatus, StatusCode expected)
    {
        var ex = await UnaryFailsAsync(context =>
        {
            context.Response.StatusCode = httpStatus;
            return Task.CompletedTask;
        });

        Assert.Equal(expected, ex.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_HttpErrorWithGrpcStatus_UsesGrpcStatus()
    {
        var ex = await UnaryFailsAsync(context =>
        {
            context.Response.StatusCode = 503;
            return GrpcWire.TrailersOnly(context, StatusCode.ResourceExhausted, "quota");
        });

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("quota", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_NotGrpcContentType_IsUnknownNamingIt()
    {
        var ex = await UnaryFailsAsync(context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html>proxy error</html>");
        });

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("text/html", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_BodyEndsWithoutGrpcStatus_IsUnknown()
    {
        var ex = await UnaryFailsAsync(context => GrpcWire.WriteMessageAsync(context, "pong"));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("grpc-status", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_UnsupportedResponseEncoding_IsInternalNamingIt()
    {
        var ex = await UnaryFailsAsync(async context =>
        {
            context.Response.Headers[GrpcProtocol.EncodingHeader] = "br";
            await GrpcWire.WriteMessageAsync(context, "pong");
            GrpcWire.EndCall(context, StatusCode.OK);
        });

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("'br'", ex.Status.Detail);
    }

    [Theory]
    [InlineData(0x7, StatusCode.Unavailable)]        // REFUSED_STREAM
    [InlineData(0x8, StatusCode.Cancelled)]          // CANCEL
    [InlineData(0xb, StatusCode.ResourceExhausted)]  // ENHANCE_YOUR_CALM
    [InlineData(0xc, StatusCode.PermissionDenied)]   // INADEQUATE_SECURITY
    [InlineData(0x2, StatusCode.Internal)]           // INTERNAL_ERROR
    public async Task AsyncUnaryCall_StreamResetBeforeHeaders_MapsErrorCode(int errorCode, StatusCode expected)
    {
        var ex = await UnaryFailsAsync(context =>
        {
            context.Features.Get<IHttpResetFeature>()!.Reset(errorCode);
            return Task.CompletedTask;
        });

        Assert.Equal(expected, ex.StatusCode);
    }

    [Theory]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    public async Task ResponseStream_StreamResetAfterMessages_MapsErrorCode(int errorCode, StatusCode expected)
    {
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            await GrpcWire.WriteMessageAsync(context, "first");
            await firstRead.Task;
            context.Features.Get<IHttpResetFeature>()!.Reset(errorCode);
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(s_serverStreaming, default, "ping");

        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
        Assert.Equal("first", call.ResponseStream.Current);
        firstRead.SetResult();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());

        Assert.Equal(expected, ex.StatusCode);
        Assert.Equal(expected, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_NothingListening_IsUnavailableNamingTheAddress()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";
        socket.Close();
        using var channel = GrpcChannel.ForAddress(address);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());
        var headersEx = await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync.Bounded());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains(address, ex.Status.Detail);
        Assert.Equal(ex.Status, headersEx.Status);
    }
}
