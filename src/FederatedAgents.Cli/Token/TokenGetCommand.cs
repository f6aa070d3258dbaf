using System.CommandLine;

namespace FederatedAgents.Cli.Token;

/// <summary><c>token get</c>: a client-credentials token for the client itself.</summary>
internal static class TokenGetCommand
{
    public static Command Create(CliContext context)
    {
        var client = new ClientConnectionOptions();
        var scope = new Option<string[]>("--scope") { Description = "Scopes to ask for (default: all the client may hold).", AllowMultipleArgumentsPerToken = true };
        var audience = new Option<string[]>("--audience") { Description = "Audiences to ask for (default: the client's first).", AllowMultipleArgumentsPerToken = true };
        var json = TokenRequestRunner.JsonOption();
        var command = new Command("get", "Get a client-credentials access token for a client of an authority.") { scope, audience, json };
        client.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => TokenRequestRunner.RunAsync(
            context,
            parseResult,
            client,
            parseResult.GetValue(json),
            authority => authority.RequestClientCredentialsAsync(
                TokenRequestRunner.Scopes(parseResult.GetValue(scope)), parseResult.GetValue(audience) ?? [], cancellationToken)));
        return command;
    }
}
