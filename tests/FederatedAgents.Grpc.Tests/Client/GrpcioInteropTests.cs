using System.Text.Json;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>The client against python grpcio (Debian's python3-grpcio), which gzip-compresses its responses.</summary>
public class GrpcioInteropTests
{
    private const string Python = "/usr/bin/python3";

    private static async Task<bool> GrpcioAvailableAsync()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        await using var probe = ChildProcess.Start(Python, ["-c", "import grpc; print('grpcio ' + grpc.__version__)"]);
        try
        {
            await probe.WaitForLineAsync(line => line.StartsWith("grpcio ", StringComparison.Ordinal));
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipBothWays_ServerCompressedResponseIsDecompressed()
    {
        Prerequisite.Require(await GrpcioAvailableAsync(), "python3-grpcio for /usr/bin/python3", "Install it with `apt-get install python3-grpcio`.");
        await using var process = ChildProcess.Start(Python, [RepoPaths.Combine("tests", "interop", "grpc", "gzip_echo_server.py")]);
        using var ports = JsonDocument.Parse(await process.WaitForLineAsync(line => line.StartsWith('{')));
        var gzip = new CompressionTests.CountingGzipProvider();
        using var channel = GrpcChannel.ForAddress(
            $"http://127.0.0.1:{ports.RootElement.GetProperty("port").GetInt32()}",
            new GrpcChannelOptions { CompressionProviders = [gzip] });
        var request = new EchoRequest { Message = "squeeze me", Payload = ByteString.CopyFrom(new byte[64 * 1024]) };

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions { RequestCompression = "gzip" }, request);
        var response = await call.ResponseAsync.Bounded();

        Assert.Equal("squeeze me", response.Message);
        Assert.Equal(request.Payload, response.Payload);
        Assert.Equal(1, gzip.Decompressions);
    }
}
