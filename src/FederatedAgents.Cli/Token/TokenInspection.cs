using FederatedAgents.Authority.Client;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Cli.Token;

/// <summary>
/// Validates a token of any kind this project issues (access token, authorization grant, client
/// assertion) for any audience, with the keys of one issuer (from its metadata) or of a given JWKS.
/// </summary>
internal static class TokenInspection
{
    private static readonly TokenKind[] s_kinds = [TokenKind.AccessToken, TokenKind.AuthorizationGrant, TokenKind.ClientAssertion];

    /// <summary>Keys of <paramref name="issuer"/>, found through its RFC 8414 metadata.</summary>
    public static async Task<(IIssuerKeyResolver Keys, IReadOnlyCollection<string>? Issuers)> FromIssuerAsync(HttpClient http, string issuer, TimeProvider time, CancellationToken cancellationToken)
    {
        var metadata = await AuthorizationServerMetadata.FetchAsync(http, issuer, cancellationToken);
        return (new JwksIssuerKeyResolver([new JwksIssuer(issuer, metadata.JwksUri, JwsAlgorithm.All)], http, time), [issuer]);
    }

    /// <summary>The keys of a JWKS file or https URL, trusted for whichever issuer the token names.</summary>
    public static async Task<(IIssuerKeyResolver Keys, IReadOnlyCollection<string>? Issuers)> FromJwksAsync(HttpClient http, CliContext context, string jwks, CancellationToken cancellationToken)
    {
        var json = Uri.TryCreate(jwks, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? await http.GetStringAsync(uri, cancellationToken)
            : await File.ReadAllTextAsync(context.FullPath(jwks), cancellationToken);
        return (new AnyIssuerKeys(JsonWebKeySet.Parse(json)), null);
    }

    /// <summary>The token validated as the first kind whose <c>typ</c> it has (or the access-token verdict when none matches).</summary>
    public static async Task<TokenValidationResult> ValidateAsync(string token, IIssuerKeyResolver keys, IReadOnlyCollection<string>? issuers, TimeProvider time, CancellationToken cancellationToken)
    {
        TokenValidationResult? first = null;
        foreach (var kind in s_kinds)
        {
            var validator = new TokenValidator(new TokenValidatorOptions { Kind = kind, AcceptAnyAudience = true, Issuers = issuers }, keys, time);
            var result = await validator.ValidateAsync(token, cancellationToken);
            if (result.Error?.Code != TokenErrorCode.WrongType)
            {
                return result;
            }

            first ??= result;
        }

        return first!;
    }

    /// <summary>One JWKS standing for whatever issuer is asked about: the user vouched for it by naming it.</summary>
    private sealed class AnyIssuerKeys(JsonWebKeySet keys) : IIssuerKeyResolver
    {
        public ValueTask<IssuerKeys?> GetKeysAsync(string issuer, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IssuerKeys?>(new IssuerKeys(issuer, keys, JwsAlgorithm.All));

        public ValueTask<IssuerKeys?> RefreshKeysAsync(string issuer, CancellationToken cancellationToken) => GetKeysAsync(issuer, cancellationToken);
    }
}
