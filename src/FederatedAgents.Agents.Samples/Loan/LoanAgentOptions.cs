namespace FederatedAgents.Agents.Samples.Loan;

/// <summary>Where the loan agent reaches the credit agent: through its own organization's gateway, addressing the bureau.</summary>
public sealed class LoanAgentOptions
{
    /// <summary>The bank gateway's local listener, e.g. <c>http://127.0.0.1:7445</c>.</summary>
    public Uri? GatewayAddress { get; set; }

    /// <summary>The partner organization running the credit agent, as the gateway's <c>Partners</c> name it.</summary>
    public string CreditOrganization { get; set; } = "bureau";

    /// <summary>How long the bureau may take to assess; 10 s by default.</summary>
    public TimeSpan CreditTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
