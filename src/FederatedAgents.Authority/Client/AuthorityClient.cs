using System.Text.Json;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Client;

/// <summary>
/// A client of one authority: discovers its endpoints from its metadata, authenticates with
/// <c>private_key_jwt</c> (a fresh assertion per request) or <c>tls_client_auth</c> (the certificate the
/// <see cref="HttpClient"/>'s handler presents; see <see cref="AuthorityHttp.CreateHandler"/>), and speaks the
/// token, introspection and revocation endpoints. Errors surface as <see cref="AuthorityRequestException"/>. Thread-safe.
/// </summary>
public sealed partial class AuthorityClient
{
    private static readonly TimeSpan s_assertionLifetime = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly TokenIssuer? _assertions;
    private Task<AuthorizationServerMetadata>? _metadata;

    /// <param name="http">Reused for every request; for mTLS its handler presents the client certificate.</param>
    /// <param name="issuer">The authority's exact issuer identifier.</param>
    /// <param name="clientId">This client's id at that authority.</param>
    /// <param name="signingKey">The private key of a <c>private_key_jwt</c> client; null for <c>tls_client_auth</c>.</param>
    public AuthorityClient(HttpClient http, string issuer, string clientId, SigningKey? signingKey = null, TimeProvider? time = null)
    {
        _http = http;
        Issuer = issuer;
        ClientId = clientId;
        _assertions = signingKey is null ? null : new TokenIssuer(signingKey, time ?? TimeProvider.System);
    }

    public string Issuer { get; }

    public string ClientId { get; }

    /// <summary>The authority's metadata, fetched once and cached (a failed fetch is tried again next time).</summary>
    public Task<AuthorizationServerMetadata> GetMetadataAsync(CancellationToken cancellationToken = default)
    {
        var metadata = _metadata;
        if (metadata is null || metadata.IsFaulted || metadata.IsCanceled)
        {
            metadata = _metadata = AuthorizationServerMetadata.FetchAsync(_http, Issuer, cancellationToken);
        }

        return metadata;
    }

    /// <summary><c>client_credentials</c>: a token for this client itself. Omitted scopes and audiences take the client's defaults.</summary>
    public Task<TokenResult> RequestClientCredentialsAsync(IReadOnlyList<string>? scopes = null, IReadOnlyList<string>? audiences = null, CancellationToken cancellationToken = default)
    {
        var form = Form(OAuthNames.ClientCredentials, scopes, audiences ?? []);
        return RequestTokenAsync(form, cancellationToken);
    }

    /// <summary>RFC 8693 token exchange: delegation, or (with <see cref="TokenTypeUris.Jwt"/>) a grant for a partner authority.</summary>
    public Task<TokenResult> ExchangeAsync(TokenExchangeRequest request, CancellationToken cancellationToken = default)
    {
        var form = Form(OAuthNames.TokenExchange, request.Scopes, request.Audiences);
        form.Add(new("subject_token", request.SubjectToken));
        form.Add(new("subject_token_type", request.SubjectTokenType));
        if (request.ActorToken is not null)
        {
            form.Add(new("actor_token", request.ActorToken));
            form.Add(new("actor_token_type", request.ActorTokenType));
        }

        AddIfSet(form, "requested_token_type", request.RequestedTokenType);
        AddIfSet(form, "purpose", request.Purpose);
        form.AddRange(request.Resources.Select(r => new KeyValuePair<string, string>("resource", r)));
        return RequestTokenAsync(form, cancellationToken);
    }

    /// <summary>RFC 7523 <c>jwt-bearer</c>: presents another authority's authorization grant to this one.</summary>
    public Task<TokenResult> RedeemGrantAsync(string grant, IReadOnlyList<string>? scopes = null, IReadOnlyList<string>? audiences = null, CancellationToken cancellationToken = default)
    {
        var form = Form(OAuthNames.JwtBearer, scopes, audiences ?? []);
        form.Add(new("assertion", grant));
        return RequestTokenAsync(form, cancellationToken);
    }

    private static List<KeyValuePair<string, string>> Form(string grantType, IReadOnlyList<string>? scopes, IReadOnlyList<string> audiences)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", grantType) };
        if (scopes is { Count: > 0 })
        {
            form.Add(new("scope", string.Join(' ', scopes)));
        }

        form.AddRange(audiences.Select(a => new KeyValuePair<string, string>("audience", a)));
        return form;
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new(name, value));
        }
    }

    private async Task<TokenResult> RequestTokenAsync(List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var metadata = await GetMetadataAsync(cancellationToken);
        using var document = await PostAsync(metadata.TokenEndpoint, form, cancellationToken)
            ?? throw new AuthorityRequestException($"{metadata.TokenEndpoint} answered without a token response.");
        return TokenResult.From(document);
    }

    /// <summary>Adds client authentication and posts the form.</summary>
    private async Task<JsonDocument?> PostAsync(Uri endpoint, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        form.Add(new("client_id", ClientId));
        if (_assertions is not null)
        {
            var assertion = _assertions.Issue(new TokenDescriptor
            {
                Kind = TokenKind.ClientAssertion,
                Issuer = ClientId,
                Subject = ClientId,
                Audiences = [Issuer],
                Lifetime = s_assertionLifetime,
            });
            form.Add(new("client_assertion_type", OAuthNames.ClientAssertionType));
            form.Add(new("client_assertion", assertion.Token));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        return await AuthorityHttp.SendAsync(_http, request, cancellationToken);
    }
}
