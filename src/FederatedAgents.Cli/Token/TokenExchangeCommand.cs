using System.CommandLine;
using FederatedAgents.Authority.Client;

namespace FederatedAgents.Cli.Token;

/// <summary>
/// <c>token exchange</c>: RFC 8693 token exchange: delegate a subject's token to an actor with narrower
/// scopes, or (<c>--requested-token-type jwt</c> with a partner authority as audience) get an identity-chaining grant.
/// </summary>
internal static class TokenExchangeCommand
{
    public static Command Create(CliContext context)
    {
        var client = new ClientConnectionOptions();
        var subject = new Option<string>("--subject-token") { Description = "The token to exchange: the token, @file, or - for standard input.", Required = true, HelpName = "token" };
        var actor = new Option<string>("--actor-token") { Description = "The acting agent's own token (default: the client acts): the token or @file.", HelpName = "token" };
        var scope = new Option<string[]>("--scope") { Description = "Scopes to narrow to (default: all the subject holds that the client may hold).", AllowMultipleArgumentsPerToken = true };
        var audience = new Option<string[]>("--audience") { Description = "Audiences of the new token; a partner authority's issuer for a grant.", AllowMultipleArgumentsPerToken = true };
        var resource = new Option<string[]>("--resource") { Description = "RFC 8707 resource URLs of the new token.", AllowMultipleArgumentsPerToken = true };
        var requested = new Option<string>("--requested-token-type") { Description = "access_token (default), jwt (an authorization grant for a partner), or a full token type URI.", HelpName = "type" };
        var purpose = new Option<string>("--purpose") { Description = "The purpose to carry, or one that narrows the subject's (purpose/…)." };
        var json = TokenRequestRunner.JsonOption();
        var command = new Command("exchange", "Exchange a token: delegate to an actor with narrowed scopes, or get a grant for a partner authority.")
        {
            subject, actor, scope, audience, resource, requested, purpose, json,
        };
        client.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => TokenRequestRunner.RunAsync(context, parseResult, client, parseResult.GetValue(json), async authority =>
            await authority.ExchangeAsync(
                new TokenExchangeRequest
                {
                    SubjectToken = await TokenInput.ReadAsync(context, parseResult.GetValue(subject)!, cancellationToken),
                    ActorToken = parseResult.GetValue(actor) is { } actorToken ? await TokenInput.ReadAsync(context, actorToken, cancellationToken) : null,
                    RequestedTokenType = parseResult.GetValue(requested) switch
                    {
                        null => null,
                        "access_token" => TokenTypeUris.AccessToken,
                        "jwt" => TokenTypeUris.Jwt,
                        var uri => uri,
                    },
                    Scopes = TokenRequestRunner.Scopes(parseResult.GetValue(scope)),
                    Audiences = parseResult.GetValue(audience) ?? [],
                    Resources = parseResult.GetValue(resource) ?? [],
                    Purpose = parseResult.GetValue(purpose),
                },
                cancellationToken)));
        return command;
    }
}
