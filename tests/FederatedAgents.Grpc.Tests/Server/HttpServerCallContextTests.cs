using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Grpc.AspNetCore.Calls;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.Tests.Server;

public class HttpServerCallContextTests
{
    private static HttpServerCallContext CreateContext(Action<GrpcServiceOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGrpc(configure);
        var http = new DefaultHttpContext();
        http.Request.Headers.GrpcAcceptEncoding = "gzip";
        return new HttpServerCallContext(http, "/pkg.Service/Method", ServerSettings.Create(services.BuildServiceProvider()));
    }

    [Fact]
    public void ResponseCompressionAlgorithm_DefaultsToTheServerOption()
    {
        Assert.Null(CreateContext().ResponseCompressionAlgorithm);
        Assert.Equal("gzip", CreateContext(o => o.ResponseCompressionAlgorithm = "gzip").ResponseCompressionAlgorithm);
    }

    [Fact]
    public void ResponseCompressionAlgorithm_Unsupported_ThrowsListingSupported()
    {
        var context = CreateContext();

        var ex = Assert.Throws<ArgumentException>(() => context.ResponseCompressionAlgorithm = "br");

        Assert.Contains("identity,gzip", ex.Message);
    }

    [Fact]
    public async Task ResponseCompressionAlgorithm_AfterHeadersSent_Throws()
    {
        var context = CreateContext();
        await context.WriteResponseHeadersAsync(new Metadata());

        Assert.Throws<InvalidOperationException>(() => context.ResponseCompressionAlgorithm = "gzip");
    }

    [Fact]
    public async Task WriteResponseHeadersAsync_Twice_Throws()
    {
        var context = CreateContext();
        await context.WriteResponseHeadersAsync(new Metadata().Add("x-first", "1"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => context.WriteResponseHeadersAsync(new Metadata()));

        Assert.Contains("once", ex.Message);
        Assert.Equal("1", context.HttpContext.Response.Headers["x-first"]);
    }

    [Fact]
    public async Task CancellationToken_AfterTheCallEnded_IsCancelled()
    {
        var context = CreateContext();
        Assert.False(context.CancellationToken.IsCancellationRequested);

        await context.EndAsync();

        Assert.True(context.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public void GetHttpContext_ContextFromAnotherHost_ThrowsClearly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ForeignContext().GetHttpContext());

        Assert.Contains("not an ASP.NET Core call context", ex.Message);
    }

    private sealed class ForeignContext : ServerCallContext
    {
        public override string Method => "";

        public override string Host => "";

        public override string Peer => "";

        public override DateTime Deadline => DateTime.MaxValue;

        public override Metadata RequestHeaders => Metadata.Empty;

        public override Metadata ResponseTrailers => Metadata.Empty;

        public override Status Status { get; set; }

        public override CancellationToken CancellationToken => default;

        public override string? ResponseCompressionAlgorithm { get; set; }

        public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
    }
}
