using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using FederatedAgents.Authority.Client;

namespace FederatedAgents.Cli.Token;

/// <summary>
/// Runs a token request verb: connects, sends, prints the token (or with <c>--json</c> the whole response),
/// and turns what can go wrong (files, the network, an OAuth error) into a message and exit code 1.
/// </summary>
internal static class TokenRequestRunner
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print the whole token response as JSON instead of just the token." };

    public static async Task<int> RunAsync(
        CliContext context, ParseResult parseResult, ClientConnectionOptions client, bool json, Func<AuthorityClient, Task<TokenResult>> request)
    {
        try
        {
            using var connection = client.Connect(context, parseResult);
            var result = await request(connection.Client);
            await context.Out.WriteLineAsync(json ? JsonSerializer.Serialize(JsonDocument.Parse(result.Json).RootElement, s_indented) : result.AccessToken);
            return ExitCodes.Ok;
        }
        catch (AuthorityRequestException e)
        {
            await context.Error.WriteLineAsync($"The authority refused: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or FormatException or CryptographicException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Scopes given as repeated options or space-separated in one; null when none.</summary>
    public static IReadOnlyList<string>? Scopes(string[]? values) =>
        values is null or { Length: 0 } ? null : [.. values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
