using System.CommandLine;
using System.Security.Cryptography;
using FederatedAgents.Certificates.Development;

namespace FederatedAgents.Cli.Certs;

/// <summary>
/// <c>certs dev [org...] [--out folder] [--force]</c>: a development CA and per-org server and client
/// certificates as PEM files; valid existing files are kept, conflicting ones only replaced with --force.
/// </summary>
internal static class CertsDevCommand
{
    private static readonly string[] s_defaultOrganizations = ["bank", "bureau"];

    public static Command Create(CliContext context)
    {
        var organizations = new Argument<string[]>("organizations")
        {
            Description = "Organization names, lowercase DNS labels.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => s_defaultOrganizations,
        };
        organizations.Validators.Add(result =>
        {
            foreach (var problem in OrganizationName.FindProblems(result.GetValueOrDefault<string[]>()))
            {
                result.AddError(problem);
            }
        });
        var output = new Option<string>("--out")
        {
            HelpName = "folder",
            Description = $"Folder to write to (default: {DevCertificates.FolderName} at the repository root, or in the current directory outside it).",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Regenerate the CA and the named organizations' certificates even if files exist (partners must then trust the new ca.crt).",
        };

        var command = new Command("dev", "Create a development CA and, per organization, a server and a client certificate (PEM, no openssl needed).")
        {
            organizations,
            output,
            force,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult.GetValue(organizations) ?? s_defaultOrganizations,
            parseResult.GetValue(output),
            parseResult.GetValue(force),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string[] organizations, string? output, bool force, CancellationToken cancellationToken)
    {
        var folder = output is null
            ? DevCertificates.DefaultFolder(context.WorkingDirectory)
            : Path.GetFullPath(output, context.WorkingDirectory);
        try
        {
            var set = await DevCertificates.EnsureAsync(folder, organizations, force, context.Time, cancellationToken);
            DevCertificateReport.Write(context, set);
            return ExitCodes.Ok;
        }
        catch (DevCertificateConflictException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            await context.Error.WriteLineAsync("Run again with --force to regenerate them all (partners must then trust the new ca.crt).");
            return ExitCodes.Failure;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            await context.Error.WriteLineAsync($"Could not write the development certificates in {context.Display(folder)}: {exception.Message}");
            return ExitCodes.Failure;
        }
    }
}
