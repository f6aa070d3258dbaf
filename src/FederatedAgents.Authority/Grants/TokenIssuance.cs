using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Events;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Authority.Storage;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// Signs tokens with the authority's key ring, records each exchanged token's parents in the store
/// (refusing, and revoking it, when any ancestor is revoked), and reports it to the event sink.
/// </summary>
internal sealed class TokenIssuance
{
    private readonly AuthoritySettings _settings;
    private readonly TokenIssuer _issuer;
    private readonly IAuthorityStore _store;
    private readonly RevocationList _revocations;
    private readonly IAuthorityEventSink _events;
    private readonly TimeProvider _time;

    public TokenIssuance(AuthoritySettings settings, IAuthorityStore store, RevocationList revocations, IAuthorityEventSink events, TimeProvider time)
    {
        _settings = settings;
        _issuer = new TokenIssuer(settings.Keys, time);
        _store = store;
        _revocations = revocations;
        _events = events;
        _time = time;
    }

    public string Issuer => _settings.Issuer;

    /// <summary>A fresh transaction id for a chain that has none.</summary>
    public static string NewTransactionId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The <c>sub</c> and <c>sub_id</c> of a token about <paramref name="subject"/>: plain when it is ours, issuer-qualified with <c>sub_id</c> otherwise.</summary>
    private TokenDescriptor WithSubject(TokenDescriptor descriptor, Principal subject) => subject.Issuer == _settings.Issuer
        ? descriptor with { Subject = subject.Subject }
        : descriptor with { Subject = subject.ToString(), SubjectIdentifier = subject };

    public async ValueTask<IssuedToken> IssueAsync(TokenDescriptor descriptor, Principal subject, IReadOnlyList<string> parentIds, string operation, string clientId, CancellationToken cancellationToken)
    {
        IssuedToken issued;
        try
        {
            issued = _issuer.Issue(WithSubject(descriptor, subject));
        }
        catch (ArgumentException e)
        {
            throw OAuthException.InvalidRequest($"the token cannot be issued: {e.Message}");
        }

        if (parentIds.Count > 0 && await _store.RecordLineageAsync(issued.JwtId, issued.ExpiresAt!.Value, parentIds, cancellationToken))
        {
            _revocations.Add(issued.JwtId, issued.ExpiresAt.Value);
            throw OAuthException.InvalidRequest("a token this request was exchanged from has been revoked, directly or through a token it descends from; start again from a valid token.");
        }

        await _events.WriteAsync(
            new TokenIssuedEvent
            {
                Time = issued.IssuedAt,
                ClientId = clientId,
                Operation = operation,
                TraceId = Activity.Current?.TraceId.ToString(),
                JwtId = issued.JwtId,
                ParentIds = parentIds,
                Chain = new DelegationChain(subject, descriptor.Actors)
                {
                    Scopes = descriptor.Scopes,
                    TransactionId = descriptor.TransactionId,
                    Purpose = descriptor.Purpose,
                    CertificateThumbprint = descriptor.CertificateThumbprint,
                    MayAct = descriptor.MayAct,
                },
                Audiences = descriptor.Audiences,
                Kind = descriptor.Kind.Name,
                ExpiresAt = issued.ExpiresAt!.Value,
            },
            cancellationToken);
        return issued;
    }

    /// <summary>The token response for an access token.</summary>
    public TokenResponse AccessTokenResponse(IssuedToken issued, IReadOnlyList<string> scopes, string? issuedTokenType = null) =>
        new(issued.Token, OAuthNames.Bearer, ExpiresIn(issued), scopes, issuedTokenType);

    public long ExpiresIn(IssuedToken issued) => (long)(issued.ExpiresAt!.Value - _time.GetUtcNow()).TotalSeconds;

    /// <summary>An access token descriptor with the authority's lifetime; callers set subject, audiences and the rest.</summary>
    public TokenDescriptor AccessToken(string clientId, IReadOnlyList<string> audiences, IReadOnlyList<string> scopes) => new()
    {
        Kind = TokenKind.AccessToken,
        Issuer = _settings.Issuer,
        ClientId = clientId,
        Audiences = audiences,
        Scopes = scopes,
        Lifetime = _settings.AccessTokenLifetime,
    };
}
