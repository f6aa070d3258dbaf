using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Cli.Demo;

/// <summary>
/// How the demo talks to the running organizations: as alice's application and the loan agent's owner at bank, as the
/// bank gateway (its client certificate) at both authorities and at bureau's gateway, and as a third partner (ratings)
/// holding a token that is not its own. Validators read each authority's published keys, to show tokens' chains.
/// </summary>
internal sealed class DemoClients : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly X509Certificate2 _authority;

    public DemoClients(DemoNetwork network, TimeProvider time)
    {
        Network = network;
        _authority = Own(CertificateFiles.LoadCertificate(network.Certificates.Authority.CertificatePath));
        BankGatewayCertificate = Own(network.Certificates["bank"].Client.Load());
        RatingsCertificate = Own(network.Certificates["ratings"].Client.Load());
        var plain = Http(null);
        var asGateway = Http(BankGatewayCertificate);
        LoanAgent = new AuthorityClient(plain, network.Bank.Issuer, "loan-agent", network.LoanAgentKey, time);
        BankAsGateway = new AuthorityClient(asGateway, network.Bank.Issuer, "bank-gateway", time: time);
        BureauAsBankGateway = new AuthorityClient(asGateway, network.Bureau.Issuer, "bank-gateway", time: time);
        Login = plain;
        var keys = new JwksIssuerKeyResolver(
            [new JwksIssuer(network.Bank.Issuer, new Uri(network.Bank.Issuer + "/jwks")), new JwksIssuer(network.Bureau.Issuer, new Uri(network.Bureau.Issuer + "/jwks"))], plain, time);
        BankTokens = new TokenValidator(new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = network.Bank.GatewayAudience, Issuers = [network.Bank.Issuer] }, keys, time);
        BureauTokens = new TokenValidator(new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = network.Bureau.GatewayAudience, Issuers = [network.Bureau.Issuer] }, keys, time);
        BankGateway = Own(GrpcChannel.ForAddress(network.Bank.GatewayLocalUrl));
        BureauGatewayAsBank = Own(PartnerChannel(BankGatewayCertificate));
        BureauGatewayAsRatings = Own(PartnerChannel(RatingsCertificate));
    }

    public DemoNetwork Network { get; }

    public HttpClient Login { get; }

    public X509Certificate2 BankGatewayCertificate { get; }

    public X509Certificate2 RatingsCertificate { get; }

    public AuthorityClient LoanAgent { get; }

    public AuthorityClient BankAsGateway { get; }

    public AuthorityClient BureauAsBankGateway { get; }

    public TokenValidator BankTokens { get; }

    public TokenValidator BureauTokens { get; }

    /// <summary>The bank gateway's local listener, where bank's agents (and alice's application) call.</summary>
    public GrpcChannel BankGateway { get; }

    public GrpcChannel BureauGatewayAsBank { get; }

    public GrpcChannel BureauGatewayAsRatings { get; }

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private GrpcChannel PartnerChannel(X509Certificate2 certificate) => GrpcChannel.ForAddress(
        Network.Bureau.GatewayPartnerUrl,
        new GrpcChannelOptions { ClientCertificates = [certificate], TrustedCertificateAuthority = _authority });

    private HttpClient Http(X509Certificate2? certificate) => Own(new HttpClient(AuthorityHttp.CreateHandler(certificate, _authority))
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        Timeout = TimeSpan.FromSeconds(30),
    });

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
