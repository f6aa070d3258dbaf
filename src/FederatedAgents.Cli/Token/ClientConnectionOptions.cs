using System.CommandLine;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Token;

/// <summary>
/// The options every verb talking to an authority as a client shares: which authority, which client,
/// how it authenticates (<c>--key</c> for private_key_jwt, <c>--cert</c>/<c>--cert-key</c> for
/// tls_client_auth), and which CA to trust for the authority's TLS certificate.
/// </summary>
internal sealed class ClientConnectionOptions
{
    public Option<string> Authority { get; } = new("--authority") { Description = "The authority's issuer URL, e.g. https://127.0.0.1:7443.", HelpName = "issuer", Required = true };

    public Option<string> ClientId { get; } = new("--client-id") { Description = "This client's id at the authority.", Required = true };

    public Option<string> Key { get; } = new("--key") { Description = "PEM private key of a private_key_jwt client (signs a fresh assertion per request).", HelpName = "pem" };

    public Option<string> Certificate { get; } = new("--cert") { Description = "PEM client certificate of a tls_client_auth client.", HelpName = "pem" };

    public Option<string> CertificateKey { get; } = new("--cert-key") { Description = "PEM private key of --cert.", HelpName = "pem" };

    public Option<string> Ca { get; } = new("--ca") { Description = "PEM CA to trust for the authority's certificate (e.g. certs-dev/ca.crt) instead of the system store.", HelpName = "pem" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Authority, ClientId, Key, Certificate, CertificateKey, Ca })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var key = result.GetValue(Key) is not null;
            var certificate = result.GetValue(Certificate) is not null;
            if (key == certificate)
            {
                result.AddError("Authenticate the client with exactly one of --key (private_key_jwt) or --cert with --cert-key (tls_client_auth).");
            }
            else if (certificate != (result.GetValue(CertificateKey) is not null))
            {
                result.AddError("--cert and --cert-key go together: the client certificate and its private key.");
            }
        });
    }

    /// <summary>
    /// A client of the named authority with the given credentials. Throws <see cref="IOException"/>,
    /// <see cref="FormatException"/> or <see cref="System.Security.Cryptography.CryptographicException"/> naming a file that cannot be used.
    /// </summary>
    public AuthorityConnection Connect(CliContext context, ParseResult parseResult)
    {
        string? Path(Option<string> option) => parseResult.GetValue(option) is { } value ? context.FullPath(value) : null;
        var certificatePath = Path(Certificate);
        var certificate = certificatePath is null ? null : CertificateFiles.LoadWithKey(certificatePath, Path(CertificateKey)!);
        var ca = Path(Ca) is { } caPath ? CertificateFiles.LoadCertificate(caPath) : null;
        var key = Path(Key) is { } keyPath ? SigningKey.FromPemFile(keyPath) : null;
        var http = new HttpClient(AuthorityHttp.CreateHandler(certificate, ca)) { Timeout = TimeSpan.FromSeconds(30) };
        var client = new AuthorityClient(http, parseResult.GetValue(Authority)!, parseResult.GetValue(ClientId)!, key, context.Time);
        return new AuthorityConnection(client, http, [http, .. new IDisposable?[] { certificate, ca, key }.OfType<IDisposable>()]);
    }
}

/// <summary>An <see cref="AuthorityClient"/> and what it holds open.</summary>
internal sealed class AuthorityConnection(AuthorityClient client, HttpClient http, IReadOnlyList<IDisposable> owned) : IDisposable
{
    public AuthorityClient Client { get; } = client;

    /// <summary>The client's HTTP connection to the authority (its TLS trust and client certificate), for its other endpoints.</summary>
    public HttpClient Http { get; } = http;

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }
}
