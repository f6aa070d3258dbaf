using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Tests;

/// <summary>
/// An authority running on real Kestrel with TLS from the test CA at 127.0.0.1, configured by an
/// <see cref="AuthoritySetup"/> exactly as <c>run --config</c> configures one, and HTTP clients that trust
/// that CA (with or without a client certificate). Disposing stops it and deletes its folder.
/// </summary>
internal sealed class TestAuthority : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<IDisposable> _owned = [];

    private TestAuthority(WebApplication app, AuthoritySetup setup)
    {
        _app = app;
        Setup = setup;
        Http = NewHttpClient(null);
    }

    public AuthoritySetup Setup { get; }

    public string Issuer => Setup.Issuer;

    public IServiceProvider Services => _app.Services;

    /// <summary>Trusts the test CA; presents no client certificate.</summary>
    public HttpClient Http { get; }

    public static async Task<TestAuthority> StartAsync(AuthoritySetup setup)
    {
        var app = Build(setup.Folder, setup.Settings, (services, configuration) => services.AddFederatedAuthority(configuration));
        try
        {
            app.MapFederatedAuthority();
            await app.StartAsync().Bounded();
            return new TestAuthority(app, setup);
        }
        catch
        {
            await app.DisposeAsync();
            setup.Dispose();
            throw;
        }
    }

    /// <summary>A host from these settings (in-memory configuration, content root = <paramref name="folder"/>), logging to the test output.</summary>
    public static WebApplication Build(string folder, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> register)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(new TestOutputLogger()).AddFilter("Microsoft", LogLevel.Warning);
        register(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>A client of this authority as <paramref name="clientId"/>: private_key_jwt with its key, or tls_client_auth with <paramref name="certificate"/>.</summary>
    public AuthorityClient Client(string clientId, X509Certificate2? certificate = null) => new(
        NewHttpClient(certificate),
        Issuer,
        clientId,
        certificate is null ? Setup.KeyOf(clientId) : null);

    /// <summary>The client certificate of an organization under the trusted CA (or the untrusted one).</summary>
    public X509Certificate2 ClientCertificate(string organization, bool trusted = true)
    {
        var set = trusted ? Setup.Certificates : TestCertificates.UntrustedAsync().GetAwaiter().GetResult();
        var certificate = set[organization].Client.Load();
        _owned.Add(certificate);
        return certificate;
    }

    /// <summary>A new HTTP/2 client trusting the test CA, presenting <paramref name="certificate"/> when given.</summary>
    public HttpClient NewHttpClient(X509Certificate2? certificate)
    {
        var authority = CertificateFiles.LoadCertificate(Setup.Certificates.Authority.CertificatePath);
        var http = new HttpClient(AuthorityHttp.CreateHandler(certificate, authority))
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Timeout = TestTimeouts.Default,
        };
        _owned.Add(http);
        _owned.Add(authority);
        return http;
    }

    /// <summary>A development login: the user's access token.</summary>
    public async Task<string> LoginAsync(string username, string? scope = null)
    {
        var response = await PostAsync("/dev/login", [new("username", username), new("password", $"{username}-password"), .. scope is null ? [] : new KeyValuePair<string, string>[] { new("scope", scope) }]);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Json.GetProperty("access_token").GetString()!;
    }

    /// <summary>Posts a raw form to a path of this authority.</summary>
    public async Task<RawResponse> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, HttpClient? http = null)
    {
        using var response = await (http ?? Http).PostAsync(Issuer + path, new FormUrlEncodedContent(form)).Bounded();
        var body = await response.Content.ReadAsStringAsync().Bounded();
        return new RawResponse(response.StatusCode, body, response.Headers.WwwAuthenticate.ToString(), response.Headers.CacheControl?.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().Bounded();
        await _app.DisposeAsync();
        _owned.ForEach(o => o.Dispose());
        Setup.Dispose();
    }
}

/// <summary>A response as the tests look at it.</summary>
internal sealed record RawResponse(HttpStatusCode Status, string Body, string WwwAuthenticate, string? CacheControl)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Error => Body.Length > 0 && Json.TryGetProperty("error", out var error) ? error.GetString() : null;

    public override string ToString() => $"{(int)Status} {Body}";
}
