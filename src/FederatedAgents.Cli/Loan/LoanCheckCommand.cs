using System.CommandLine;
using System.Security.Cryptography;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Agents.Samples.Loan;
using FederatedAgents.Authority.Client;
using FederatedAgents.Cli.Token;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;

namespace FederatedAgents.Cli.Loan;

/// <summary>
/// <c>loan check</c>: one loan check as alice's application makes it against running organizations: alice logs in at the
/// authority's development login, the loan agent's client exchanges her token for one delegated to it (narrowed to
/// <c>--scope</c>, for the gateway's audience), and the loan desk is called through the gateway's local listener with it.
/// Prints the delegation chain and the decision; a refusal exits 1 with its gRPC status.
/// </summary>
internal static class LoanCheckCommand
{
    public static Command Create(CliContext context)
    {
        var client = new ClientConnectionOptions();
        var gateway = new Option<string>("--gateway") { Description = "The gateway's local listener, e.g. http://127.0.0.1:7445.", HelpName = "url", Required = true };
        var audience = new Option<string>("--audience") { Description = "The gateway's token audience (Gateway:Security:Audience), e.g. https://127.0.0.1:7444.", HelpName = "uri", Required = true };
        var user = new Option<string>("--user") { Description = "Who logs in at the authority's development login.", DefaultValueFactory = _ => "alice" };
        var password = new Option<string>("--password") { Description = "Their development password.", DefaultValueFactory = _ => "alice" };
        var scope = new Option<string[]>("--scope") { Description = "Scopes delegated to the loan agent.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["loans.read", "credit.read"] };
        var application = new Option<string>("--application") { Description = "The loan application to check (sample data: app-1001, app-1002, ...).", DefaultValueFactory = _ => "app-1001" };
        var command = new Command("check", "Check one loan application through a running organization's gateway, as alice delegating to the loan agent.")
        {
            gateway, audience, user, password, scope, application,
        };
        client.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, parseResult, client, new LoanCheck(
            new Uri(parseResult.GetValue(gateway)!),
            parseResult.GetValue(audience)!,
            parseResult.GetValue(user)!,
            parseResult.GetValue(password)!,
            TokenRequestRunner.Scopes(parseResult.GetValue(scope)) ?? [],
            parseResult.GetValue(application)!), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, ClientConnectionOptions client, LoanCheck check, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = client.Connect(context, parseResult);
            var delegated = await LoanDelegation.DelegateAsync(connection.Http, connection.Client, check.User, check.Password, check.Audience, check.Scopes, cancellationToken);
            var issuer = parseResult.GetValue(client.Authority)!;
            var (keys, issuers) = await TokenInspection.FromIssuerAsync(connection.Http, issuer, context.Time, cancellationToken);
            var validated = await TokenInspection.ValidateAsync(delegated, keys, issuers, context.Time, cancellationToken);
            await context.Out.WriteLineAsync($"delegated: {validated.Token?.Chain?.ToString() ?? validated.ToString()}  scopes [{string.Join(' ', validated.Token?.Scopes ?? [])}]");

            using var channel = GrpcChannel.ForAddress(check.Gateway, new GrpcChannelOptions { TimeProvider = context.Time });
            var headers = new Metadata().Add(FederationMetadata.Authorization, "Bearer " + delegated);
            var request = new CheckLoanRequest { ApplicationId = check.Application, AmountMinor = 15_000_00, CurrencyCode = "EUR", TermMonths = 36 };
            var response = await channel.CreateCallInvoker().AsyncUnaryCall(LoanAgent.CheckLoanMethod, new CallOptions(headers, cancellationToken: cancellationToken), request);
            await context.Out.WriteLineAsync($"decision: {response.Decision} at {response.OfferedRateBps} bps for {response.CustomerId}, reasons [{string.Join(", ", response.ReasonCodes)}]");
            return ExitCodes.Ok;
        }
        catch (RpcException e)
        {
            await context.Error.WriteLineAsync($"refused: {e.StatusCode} ({(int)e.StatusCode}): {e.Status.Detail}");
            return ExitCodes.Failure;
        }
        catch (AuthorityRequestException e)
        {
            await context.Error.WriteLineAsync($"The authority refused: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or FormatException or CryptographicException or UnauthorizedAccessException or HttpRequestException)
        {
            await context.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failure;
        }
    }

    private sealed record LoanCheck(Uri Gateway, string Audience, string User, string Password, IReadOnlyList<string> Scopes, string Application);
}
