using System.CommandLine;
using System.Net;
using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Testing.Echo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FederatedAgents.Grpc.Bench;

/// <summary>
/// <c>serve --kind stack|bare --port P</c>: Kestrel, HTTP/2 only over h2c, answering Echo/Unary either through the
/// gRPC stack or with bare framing. Prints <c>listening on URL</c> when ready and the status counts when stopped.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var kind = new Option<string>("--kind") { Description = "stack: the gRPC stack's echo service; bare: framing only.", Required = true };
        kind.AcceptOnlyFromAmong("stack", "bare");
        var port = Options.AtLeast(0, new Option<int>("--port") { Description = "Port on 127.0.0.1; 0 picks a free one." });
        var command = new Command("serve", "Serve Echo/Unary over h2c until stopped (Ctrl+C or SIGTERM).") { kind, port };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(kind) == "stack", parseResult.GetValue(port), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool stack, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        if (stack)
        {
            builder.Services.AddGrpc();
        }

        await using var app = builder.Build();
        var statuses = new StatusCounter();
        app.Use(statuses.CountAsync);
        if (stack)
        {
            app.MapGrpcService<EchoService>(EchoMessages.Service);
        }
        else
        {
            app.Run(BareEcho.HandleAsync);
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Console.WriteLine($"listening on {address}");
        await app.WaitForShutdownAsync(cancellationToken);
        Console.WriteLine(statuses);
        return 0;
    }

    [UnimplementedMethods("ServerStream", "ClientStream", "Duplex", "Outcome", "Unimplemented")]
    private sealed class EchoService
    {
        public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context) =>
            Task.FromResult(new EchoResponse { Payload = request.Payload });
    }
}
