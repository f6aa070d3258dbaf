using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Agents.Samples.Loan;
using FederatedAgents.Authority.Client;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Cli.Demo;

/// <summary>
/// The story the demo tells, each step an expected outcome: alice delegates a loan check to bank's loan agent; the loan
/// agent asks bureau's credit agent across both gateways; bank receives the derived result only; then three calls that
/// must be refused. What the organizations recorded of it is <see cref="DemoAudit"/>'s part.
/// </summary>
internal sealed class DemoScenario(DemoClients clients, DemoReport report, CancellationToken cancellationToken)
{
    public async Task RunAsync()
    {
        report.Step("alice@bank delegates the loan check to bank's loan agent, narrowed to loans.read credit.read");
        var delegated = await DelegateAsync(["loans.read", "credit.read"]);
        var token = await ShowAsync(clients.BankTokens, delegated, "hop 2 (at bank)");
        report.Expect("alice's delegation names alice, then the loan agent, without loans.apply",
            token is { Chain: { } chain } && chain.Depth == 1 && chain.CurrentActor?.Subject == "loan-agent" && !token.Scopes.Contains("loans.apply"),
            token?.Chain is { } c ? report.Readable(c.ToString()) : "the delegated token did not validate");

        report.Step("The loan agent asks bureau's credit agent through both gateways");
        await CheckLoanAsync(delegated, "app-1001", LoanDecision.Approved, StatusCode.OK, "the loan check is approved on bureau's derived assessment");
        await ShowPartnerHopAsync(delegated);

        report.Step("Saying no: the chain lacks credit.read");
        await CheckLoanAsync(await DelegateAsync(["loans.read"]), "app-1001", LoanDecision.Unspecified, StatusCode.PermissionDenied, "a loan check whose chain lacks credit.read is refused with PERMISSION_DENIED (7)");

        report.Step("Saying no: an authorization grant presented twice");
        await ReplayGrantAsync(delegated);

        report.Step("Saying no: bank's partner token presented from another partner's certificate");
        await WrongCertificateAsync(delegated);
    }

    private async Task<string> DelegateAsync(string[] scopes)
    {
        using var login = await clients.Login.PostAsync(clients.Network.Bank.Issuer + "/dev/login",
            new FormUrlEncodedContent([new("username", "alice"), new("password", "alice")]), cancellationToken);
        using var person = System.Text.Json.JsonDocument.Parse(await login.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken));
        var result = await clients.LoanAgent.ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = person.RootElement.GetProperty("access_token").GetString()!, Audiences = [clients.Network.Bank.GatewayAudience], Scopes = scopes },
            cancellationToken);
        return result.AccessToken;
    }

    private async Task CheckLoanAsync(string token, string application, LoanDecision decision, StatusCode status, string expectation)
    {
        var headers = new Metadata().Add(FederationMetadata.Authorization, "Bearer " + token);
        var request = new CheckLoanRequest { ApplicationId = application, AmountMinor = 15_000_00, CurrencyCode = "EUR", TermMonths = 36 };
        try
        {
            var response = await clients.BankGateway.CreateCallInvoker().AsyncUnaryCall(LoanAgent.CheckLoanMethod, new CallOptions(headers, cancellationToken: cancellationToken), request);
            report.Fact("decision", $"{response.Decision} at {response.OfferedRateBps} bps, reasons [{string.Join(", ", response.ReasonCodes)}]");
            report.Expect(expectation, status == StatusCode.OK && response.Decision == decision, $"{response.Decision}");
        }
        catch (RpcException e)
        {
            report.Fact("refused", $"{e.StatusCode} ({(int)e.StatusCode}): {e.Status.Detail}");
            report.Expect(expectation, e.StatusCode == status, $"{e.StatusCode} ({(int)e.StatusCode})");
        }
    }

    /// <summary>The exchange bank's gateway makes, made again here as that gateway, to show the partner hop and what bank receives.</summary>
    private async Task ShowPartnerHopAsync(string delegated)
    {
        var partnerToken = await ChainAsync(delegated);
        if (await ShowAsync(clients.BureauTokens, partnerToken, "hop 3 (at bureau, bound to bank gateway's certificate)") is { Chain: { } chain })
        {
            report.Fact("the whole chain", report.Readable(chain.ToString()) + " → credit-agent@bureau");
        }

        var response = await AssessAsync(clients.BureauGatewayAsBank, partnerToken);
        var leaked = ClassifiedValues(response.Report);
        report.Fact("bank received", $"{response.Decision}, band {response.ScoreBand}, reasons [{string.Join(", ", response.ReasonCodes)}]");
        report.Expect("bureau's egress filter removed the report's classified fields from what bank received",
            leaked.Count == 0, leaked.Count == 0 ? "no classified value" : "still present: " + string.Join(", ", leaked));
    }

    private async Task ReplayGrantAsync(string delegated)
    {
        var grant = await clients.BankAsGateway.ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = delegated, RequestedTokenType = TokenTypeUris.Jwt, Audiences = [clients.Network.Bureau.Issuer] }, cancellationToken);
        await clients.BureauAsBankGateway.RedeemGrantAsync(grant.AccessToken, cancellationToken: cancellationToken);
        try
        {
            await clients.BureauAsBankGateway.RedeemGrantAsync(grant.AccessToken, cancellationToken: cancellationToken);
            report.Expect("the replayed grant is refused with invalid_grant", false, "bureau's authority accepted it twice");
        }
        catch (AuthorityRequestException e)
        {
            report.Fact("refused", $"{e.Error}: {e.ErrorDescription}");
            report.Expect("the replayed grant is refused with invalid_grant", e.Error == "invalid_grant", e.Error ?? e.Message);
        }
    }

    private async Task WrongCertificateAsync(string delegated)
    {
        var stolen = await ChainAsync(delegated);
        try
        {
            await AssessAsync(clients.BureauGatewayAsRatings, stolen);
            report.Expect("a token bound to bank's certificate is refused from ratings' connection with UNAUTHENTICATED (16)", false, "bureau's gateway answered OK");
        }
        catch (RpcException e)
        {
            report.Fact("refused", $"{e.StatusCode} ({(int)e.StatusCode}): {e.Status.Detail}");
            report.Expect("a token bound to bank's certificate is refused from ratings' connection with UNAUTHENTICATED (16)", e.StatusCode == StatusCode.Unauthenticated, $"{e.StatusCode}");
        }
    }

    private async Task<string> ChainAsync(string delegated)
    {
        var actor = await clients.BankAsGateway.RequestClientCredentialsAsync(cancellationToken: cancellationToken);
        var result = await clients.BankAsGateway.ChainToPartnerAsync(delegated, clients.BureauAsBankGateway, actorToken: actor.AccessToken, cancellationToken: cancellationToken);
        return result.AccessToken;
    }

    private async Task<AssessResponse> AssessAsync(GrpcChannel channel, string partnerToken)
    {
        var headers = new Metadata().Add(FederationMetadata.Authorization, "Bearer " + partnerToken);
        var request = new AssessRequest { ConsumerReference = "C-4821", ConsentId = "consent-1001", AmountMinor = 15_000_00, CurrencyCode = "EUR", Purpose = LoanPurpose.Personal };
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(CreditAgent.AssessMethod, new CallOptions(headers, cancellationToken: cancellationToken), request);
        return await call.ResponseAsync;
    }

    private async Task<ValidatedToken?> ShowAsync(TokenValidator validator, string token, string hop)
    {
        var result = await validator.ValidateAsync(token, cancellationToken);
        if (result.Token is { Chain: { } chain } valid)
        {
            report.Fact(hop, $"{report.Readable(chain.ToString())}  scopes [{string.Join(' ', valid.Scopes)}]{(chain.CertificateThumbprint is null ? "" : "  cnf x5t#S256")}");
        }

        return result.Token;
    }

    /// <summary>Classified values of the report (pii, restricted, internal) that are set.</summary>
    private static List<string> ClassifiedValues(CreditReport? report)
    {
        var leaked = new List<string>();
        if (report is null)
        {
            return leaked;
        }

        void Check(string path, bool present)
        {
            if (present)
            {
                leaked.Add(path);
            }
        }

        Check("report.full_name", report.FullName.Length > 0);
        Check("report.national_id", report.NationalId.Length > 0);
        Check("report.address", report.Address is not null);
        Check("report.model_scores", report.ModelScores.Count > 0);
        Check("report.monthly_utilization", report.MonthlyUtilization.Count > 0);
        Check("report.accounts.account_number", report.Accounts.Any(a => a.AccountNumber.Length > 0));
        Check("report.passport_number", report.HasPassportNumber);
        return leaked;
    }
}
