using System.Net;
using System.Text;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Keys;

public sealed class JwksIssuerKeyResolverTests
{
    private static readonly Uri s_jwksUri = new("https://auth.bank.example/.well-known/jwks.json");

    private readonly FakeTimeProvider _time = new();
    private readonly JwksStub _stub = new();
    private readonly SigningKey _key = SigningKey.Generate();

    public JwksIssuerKeyResolverTests() => _stub.Publish(_key);

    [Fact]
    public async Task GetKeysAsync_ConfiguredIssuer_FetchesOnceThenServesFromCache()
    {
        var resolver = Resolver();

        var first = await resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).Bounded();
        var second = await resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).Bounded();

        Assert.True(first!.Keys.TryFindKey(_key.KeyId, out _));
        Assert.Same(first, second);
        Assert.Equal([s_jwksUri], _stub.Requests);
    }

    [Fact]
    public async Task GetKeysAsync_AfterRefreshInterval_Refetches()
    {
        var resolver = Resolver();
        await resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).Bounded();

        _time.Advance(TimeSpan.FromHours(1));
        await resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).Bounded();

        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task GetKeysAsync_UnconfiguredIssuer_NullAndNoRequest()
    {
        var keys = await Resolver().GetKeysAsync("https://attacker.example", TestContext.Current.CancellationToken).Bounded();

        Assert.Null(keys);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task ValidateAsync_IssuerRotatedToUnknownKid_RefetchesOnceAndAccepts()
    {
        var validator = Validator(Resolver());
        var bed = new TestBed();
        Assert.True((await validator.CheckAsync(Sign(bed, _key))).IsValid);
        _time.Advance(TimeSpan.FromMinutes(2));
        var rotated = SigningKey.Generate();
        _stub.Publish(_key, rotated);

        var result = await validator.CheckAsync(Sign(bed, rotated));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task ValidateAsync_FloodOfInventedKids_AtMostOneRefetchPerInterval()
    {
        var validator = Validator(Resolver());
        var bed = new TestBed();
        var strangers = Enumerable.Range(0, 20).Select(_ => SigningKey.Generate()).ToList();
        Assert.True((await validator.CheckAsync(Sign(bed, _key))).IsValid);
        _time.Advance(TimeSpan.FromMinutes(1));

        foreach (var stranger in strangers)
        {
            RejectionFor(await validator.CheckAsync(Sign(bed, stranger)), TokenErrorCode.UnknownKey);
        }

        Assert.Equal(2, _stub.Requests.Count);
        _time.Advance(TimeSpan.FromMinutes(1));
        RejectionFor(await validator.CheckAsync(Sign(bed, strangers[0])), TokenErrorCode.UnknownKey);
        Assert.Equal(3, _stub.Requests.Count);
        Assert.All(_stub.Requests, uri => Assert.Equal(s_jwksUri, uri));
    }

    [Fact]
    public async Task ValidateAsync_JwksEndpointFailing_ReportsKeysUnavailableWithTheCause()
    {
        _stub.Status = HttpStatusCode.InternalServerError;

        var result = await Validator(Resolver()).CheckAsync(Sign(new TestBed(), _key));

        Assert.Equal(TokenErrorCode.KeysUnavailable, result.Error!.Code);
        Assert.Contains($"GET {s_jwksUri} answered 500", result.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeysAsync_FailedRefetch_KeepsPreviousKeys()
    {
        var resolver = Resolver();
        await resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).Bounded();
        _stub.Status = HttpStatusCode.ServiceUnavailable;
        _time.Advance(TimeSpan.FromHours(2));

        var keys = await resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).Bounded();

        Assert.True(keys!.Keys.TryFindKey(_key.KeyId, out _));
        Assert.Contains("answered 503", keys.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeysAsync_OversizedDocument_Refused()
    {
        _stub.Body = "{\"keys\":[]," + new string(' ', 70_000) + "}";

        var keys = await Resolver().GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).Bounded();

        Assert.Empty(keys!.Keys.Keys);
        Assert.Contains("larger than 65536 bytes", keys.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeysAsync_EndpointNeverAnswering_TimesOutWithoutThrowing()
    {
        _stub.Gate = new TaskCompletionSource().Task;
        var resolver = Resolver();

        var pending = resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).AsTask();
        _time.Advance(TimeSpan.FromSeconds(10));
        var keys = await pending.Bounded();

        Assert.Empty(keys!.Keys.Keys);
        Assert.Contains("did not complete within 10 s", keys.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeysAsync_ConcurrentCallers_ShareOneFetch()
    {
        var gate = new TaskCompletionSource();
        _stub.Gate = gate.Task;
        var resolver = Resolver();

        var first = resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).AsTask();
        var second = resolver.GetKeysAsync(TestBed.Issuer, TestContext.Current.CancellationToken).AsTask();
        gate.SetResult();

        Assert.Same(await first.Bounded(), await second.Bounded());
        Assert.Single(_stub.Requests);
    }

    [Theory]
    [InlineData("http://auth.bank.example/jwks")]
    [InlineData("file:///etc/jwks.json")]
    public void Constructor_NonHttpsJwksUri_ThrowsNamingIssuer(string uri)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new JwksIssuerKeyResolver([new JwksIssuer(TestBed.Issuer, new Uri(uri))], new HttpClient(_stub), _time));

        Assert.Contains(TestBed.Issuer, error.Message, StringComparison.Ordinal);
    }

    private static void RejectionFor(TokenValidationResult result, TokenErrorCode code) =>
        Assert.Equal(code, result.Error?.Code);

    private static string Sign(TestBed bed, SigningKey key) => bed.Sign(bed.AccessTokenClaims(), key: key);

    private JwksIssuerKeyResolver Resolver() =>
        new([new JwksIssuer(TestBed.Issuer, s_jwksUri)], new HttpClient(_stub), _time);

    private TokenValidator Validator(IIssuerKeyResolver resolver) =>
        new(new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience }, resolver, _time);

    /// <summary>An HTTPS JWKS endpoint in memory: records every request URI and serves the published keys.</summary>
    private sealed class JwksStub : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public string Body { get; set; } = "";

        public Task Gate { get; set; } = Task.CompletedTask;

        public void Publish(params SigningKey[] keys) => Body = new JsonWebKeySet(keys.Select(k => k.PublicKey)).ToJson();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request.RequestUri!);
            }

            await Gate.WaitAsync(cancellationToken);
            return new HttpResponseMessage(Status) { Content = new StringContent(Body, Encoding.UTF8, "application/jwk-set+json") };
        }
    }
}
