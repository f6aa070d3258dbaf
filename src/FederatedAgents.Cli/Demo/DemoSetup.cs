using FederatedAgents.Audit.Keys;
using FederatedAgents.Certificates.Development;

namespace FederatedAgents.Cli.Demo;

/// <summary>
/// The two demo organizations' configuration, as their organization files would hold it: bank (alice, the loan agent,
/// the bank gateway calling out) and bureau (the credit agent behind its gateway, open to bank for credit reads).
/// </summary>
internal static class DemoSetup
{
    public const string LoanDesk = "federatedagents.agents.loan.v1.LoanDesk";
    public const string CreditAssessment = "federatedagents.agents.credit.v1.CreditAssessment";

    /// <summary>The organizations whose development certificates the demo needs.</summary>
    public static readonly string[] Organizations = ["bank", "bureau", Ratings];

    private const string Ratings = "ratings";

    /// <summary>Authority settings of both; returns the loan agent's private key (the demo plays the loan agent's owner).</summary>
    public static Tokens.Jose.SigningKey ConfigureAuthorities(DemoOrganization bank, DemoOrganization bureau, DevCertificateSet certificates)
    {
        foreach (var org in new[] { bank, bureau })
        {
            org.Set("Authority:Issuer", org.Issuer);
            org.Set("Authority:Tls:CertificateFile", certificates[org.Name].Server.CertificatePath);
            org.Set("Authority:Tls:KeyFile", certificates[org.Name].Server.KeyPath);
            org.Set("Authority:Tls:ClientCertificateAuthorityFile", certificates.Authority.CertificatePath);
            org.Set("Authority:SigningKeys:Development", "true");
            var partner = org == bank ? bureau : bank;
            org.Set("Authority:Partners:0:Name", partner.Name);
            org.Set("Authority:Partners:0:Issuer", partner.Issuer);
            org.Set("Authority:Partners:0:JwksUri", partner.Issuer + "/jwks");
            org.Set("Authority:Partners:0:CertificateAuthorityFile", certificates.Authority.CertificatePath);
            org.Set("Authority:Partners:0:MaxDelegationDepth", "3");
        }

        var loanAgent = bank.AddKeyClient("loan-agent", ["loans.read", "credit.read"], [bank.GatewayAudience], ["*"]);
        bank.AddGatewayClient("bank", ["loans.read", "credit.read"], [bank.GatewayAudience, bureau.Issuer], partner: false);
        bank.Set("Authority:DevIdentityProvider:Users:0:Username", "alice");
        bank.Set("Authority:DevIdentityProvider:Users:0:Password", "alice");
        bank.SetList("Authority:DevIdentityProvider:Users:0:Scopes", ["loans.read", "loans.apply", "credit.read"]);
        bureau.AddGatewayClient("bank", ["credit.read"], [bureau.GatewayAudience], partner: true);
        return loanAgent;
    }

    /// <summary>Gateway sections of both: the agents they front, each other as partner, and bank's outbound calls.</summary>
    public static void ConfigureGateways(DemoOrganization bank, DemoOrganization bureau, DevCertificateSet certificates, Uri loanAgent, Uri creditAgent)
    {
        foreach (var org in new[] { bank, bureau })
        {
            org.Set("Gateway:Security:Audience", org.GatewayAudience);
        }

        bank.Set("Gateway:Listeners:Local:Url", bank.GatewayLocalUrl.ToString());
        Agent(bank, "loans", loanAgent, LoanDesk);
        Partner(bank, bureau, certificates, withAddress: true);
        bank.Set("Gateway:Outbound:Organization", bank.Name);
        bank.Set("Gateway:Outbound:ClientId", "bank-gateway");
        bank.Set("Gateway:Outbound:ClientCertificate:Path", certificates["bank"].Client.CertificatePath);
        bank.Set("Gateway:Outbound:ClientCertificate:KeyPath", certificates["bank"].Client.KeyPath);
        bank.Set("Gateway:Outbound:TrustedCertificateAuthority", certificates.Authority.CertificatePath);
        bank.Set("Gateway:Outbound:Authority:Issuer", bank.Issuer);
        bank.Set("Gateway:Outbound:Authority:Audience", bank.GatewayAudience);
        bank.Set("Gateway:Outbound:Partners:0:Name", bureau.Name);
        bank.Set("Gateway:Outbound:Partners:0:AuditKeysFile", Path.Combine(bureau.DataDirectory, AuditKeys.PublicKeysFileName));
        bank.Set("Gateway:Outbound:Partners:0:RequireReceipt", "true");

        bureau.Set("Gateway:Listeners:Partner:Url", bureau.GatewayPartnerUrl.ToString());
        bureau.Set("Gateway:Listeners:Partner:Certificate:Path", certificates["bureau"].Server.CertificatePath);
        bureau.Set("Gateway:Listeners:Partner:Certificate:KeyPath", certificates["bureau"].Server.KeyPath);
        Agent(bureau, "credit", creditAgent, CreditAssessment);
        bureau.Set("Gateway:Agents:0:Methods:0:Name", CreditAssessment + "/Assess");
        bureau.SetList("Gateway:Agents:0:Methods:0:RequiredScopes", ["credit.read"]);
        bureau.SetList("Gateway:Agents:0:Methods:0:AllowedPartners", [bank.Name]);
        Partner(bureau, bank, certificates, withAddress: false);
        // A third partner of bureau, trusted by its certificate, that will present a token bound to bank's certificate.
        bureau.Set("Gateway:Partners:1:Name", Ratings);
        bureau.Set("Gateway:Partners:1:Authority:Issuer", $"https://auth.{Ratings}.demo");
        bureau.Set("Gateway:Partners:1:Authority:JwksUri", $"https://auth.{Ratings}.demo/jwks");
        bureau.Set("Gateway:Partners:1:ClientCertificate:CertificateAuthority", certificates.Authority.CertificatePath);
        bureau.Set("Gateway:Partners:1:ClientCertificate:Subject", $"CN={Ratings} gateway, O={Ratings}");
    }

    private static void Agent(DemoOrganization org, string name, Uri endpoint, string service)
    {
        org.Set("Gateway:Agents:0:Name", name);
        org.SetList("Gateway:Agents:0:Endpoints", [endpoint.ToString()]);
        org.SetList("Gateway:Agents:0:Services", [service]);
    }

    private static void Partner(DemoOrganization org, DemoOrganization partner, DevCertificateSet certificates, bool withAddress)
    {
        org.Set("Gateway:Partners:0:Name", partner.Name);
        org.Set("Gateway:Partners:0:Authority:Issuer", partner.Issuer);
        org.Set("Gateway:Partners:0:Authority:JwksUri", partner.Issuer + "/jwks");
        org.Set("Gateway:Partners:0:ClientCertificate:CertificateAuthority", certificates.Authority.CertificatePath);
        org.Set("Gateway:Partners:0:ClientCertificate:Subject", $"CN={partner.Name} gateway, O={partner.Name}");
        if (withAddress)
        {
            org.Set("Gateway:Partners:0:GatewayAddress", partner.GatewayPartnerUrl.ToString());
        }
    }
}
