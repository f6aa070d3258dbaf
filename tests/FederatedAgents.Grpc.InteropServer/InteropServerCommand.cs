using System.CommandLine;
using System.Net;
using FederatedAgents.Certificates.Development;

namespace FederatedAgents.Grpc.InteropServer;

/// <summary>
/// The command line of the interop server, as grpc/grpc doc/interop-test-descriptions.md names it:
/// <c>--port</c> and <c>--use_tls</c>, plus <c>--certs_dir</c> for the development certificates.
/// </summary>
internal static class InteropServerCommand
{
    /// <summary>Printed once the server accepts calls; scripts and tests wait for it.</summary>
    public const string ReadyPrefix = "listening on ";

    public static RootCommand Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "TCP port on 127.0.0.1; 0 picks a free one (the ready line names it).",
            Required = true,
        };
        port.Validators.Add(result =>
        {
            // Only range-checks a number; anything else already fails to parse with its own message.
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var value) && value is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var useTls = new Option<bool>("--use_tls") { Description = "Serve TLS (ALPN h2) instead of h2c." };
        var certsDir = new Option<string>("--certs_dir")
        {
            HelpName = "folder",
            Description = $"Development certificates to serve TLS from, created when missing (default: {DevCertificates.FolderName} at the repository root).",
        };

        var command = new RootCommand("grpc.testing.TestService on the FederatedAgents gRPC stack, for interop runs.") { port, useTls, certsDir };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(port),
            parseResult.GetValue(useTls),
            parseResult.GetValue(certsDir) ?? DevCertificates.DefaultFolder(Environment.CurrentDirectory),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int port, bool useTls, string certsDir, CancellationToken cancellationToken)
    {
        using var certificate = useTls ? await InteropServerHost.LoadCertificateAsync(certsDir, cancellationToken) : null;
        await using var app = InteropServerHost.Build(
            new IPEndPoint(IPAddress.Loopback, port),
            certificate,
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(cancellationToken);
        Console.WriteLine(ReadyPrefix + InteropServerHost.AddressOf(app).GetLeftPart(UriPartial.Authority));
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
