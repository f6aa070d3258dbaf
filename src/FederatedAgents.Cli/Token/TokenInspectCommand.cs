using System.CommandLine;
using System.Security.Cryptography;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Pem;

namespace FederatedAgents.Cli.Token;

/// <summary>
/// <c>token inspect</c>: validates a token against its issuer's published keys (or a given JWKS) and prints
/// it readably, the delegation chain as a tree. Exit 1 with the reason when it is not valid.
/// </summary>
internal static class TokenInspectCommand
{
    public static Command Create(CliContext context)
    {
        var token = new Argument<string>("token") { Description = "The token, @file, or - for standard input." };
        var issuer = new Option<string>("--issuer") { Description = "The issuer whose metadata and jwks_uri give the keys (https).", HelpName = "url" };
        var jwks = new Option<string>("--jwks") { Description = "A JWKS file or https URL to verify with, for whichever issuer the token names.", HelpName = "file|url" };
        var ca = new Option<string>("--ca") { Description = "PEM CA to trust for https (e.g. certs-dev/ca.crt) instead of the system store.", HelpName = "pem" };
        var command = new Command("inspect", "Validate a token against its issuer's keys and print it, with its delegation chain.") { token, issuer, jwks, ca };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(issuer) is null) == (result.GetValue(jwks) is null))
            {
                result.AddError("Name where the keys come from: exactly one of --issuer <url> or --jwks <file|url>.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context, parseResult.GetValue(token)!, parseResult.GetValue(issuer), parseResult.GetValue(jwks), parseResult.GetValue(ca), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string tokenValue, string? issuer, string? jwks, string? ca, CancellationToken cancellationToken)
    {
        try
        {
            using var authority = ca is null ? null : CertificateFiles.LoadCertificate(context.FullPath(ca));
            using var http = new HttpClient(AuthorityHttp.CreateHandler(trustedAuthority: authority)) { Timeout = TimeSpan.FromSeconds(30) };
            var token = await TokenInput.ReadAsync(context, tokenValue, cancellationToken);
            var (keys, issuers) = issuer is not null
                ? await TokenInspection.FromIssuerAsync(http, issuer, context.Time, cancellationToken)
                : await TokenInspection.FromJwksAsync(http, context, jwks!, cancellationToken);
            var result = await TokenInspection.ValidateAsync(token, keys, issuers, context.Time, cancellationToken);
            if (!result.IsValid)
            {
                await context.Error.WriteLineAsync($"Invalid: {result.Error.Description} ({result.Error.Code}).");
                return ExitCodes.Failure;
            }

            InspectionReport.Write(context, result.Token);
            return ExitCodes.Ok;
        }
        catch (AuthorityRequestException e)
        {
            await context.Error.WriteLineAsync($"Cannot get the issuer's keys: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or FormatException or CryptographicException or HttpRequestException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failure;
        }
    }
}
