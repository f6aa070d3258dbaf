using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// RFC 8693 token exchange for delegation. The subject token (a person's or an agent's) is exchanged
/// for an access token with the actor appended to its <c>act</c> chain, or, with
/// <c>requested_token_type=…:jwt</c> and a partner authority as audience, for a JWT authorization grant
/// addressed to that partner (identity chaining). Scopes only narrow, the chain is bounded, the new token
/// never outlives the subject token, and <c>txn</c> and <c>purpose</c> travel along.
/// </summary>
internal sealed class TokenExchangeGrant
{
    private static readonly string[] s_tokenTypes = [OAuthNames.AccessTokenType, OAuthNames.JwtTokenType];

    private readonly AuthoritySettings _settings;
    private readonly SubjectTokens _subjects;
    private readonly LocalTokens _local;
    private readonly IRevocationList _revocations;
    private readonly TokenIssuance _issuance;
    private readonly TimeProvider _time;

    public TokenExchangeGrant(AuthoritySettings settings, SubjectTokens subjects, LocalTokens local, IRevocationList revocations, TokenIssuance issuance, TimeProvider time)
    {
        _settings = settings;
        _subjects = subjects;
        _local = local;
        _revocations = revocations;
        _issuance = issuance;
        _time = time;
    }

    public async ValueTask<TokenResponse> HandleAsync(GrantContext request)
    {
        var form = request.Form;
        var client = request.Client.Registration;
        if (client.Partner is not null)
        {
            throw OAuthException.UnauthorizedClient($"client '{client.ClientId}' belongs to partner '{client.Partner.Name}' and may only present its authority's grants ({OAuthNames.JwtBearer}).");
        }

        var requestedType = form.Get("requested_token_type") ?? OAuthNames.AccessTokenType;
        RequireTokenType("requested_token_type", requestedType);
        RequireTokenType("subject_token_type", form.Require("subject_token_type", $"use {OAuthNames.AccessTokenType}."));
        var subject = await ValidateAsync("subject_token", form.Require("subject_token", "name the token whose subject the new token speaks for."), _subjects.ValidateAsync, request);
        var actor = await ActorAsync(request);
        var grant = requestedType == OAuthNames.JwtTokenType;

        var chain = subject.Chain!;
        var actors = chain.Actors;
        if (actor is { } acting)
        {
            DelegationRules.RequireMayAct(chain, acting.Principal, client);
            actors = [.. actors, acting.Principal];
        }
        else if (!grant)
        {
            var self = new Principal(client.ClientId, _settings.Issuer);
            DelegationRules.RequireMayAct(chain, self, client);
            actors = [.. actors, self];
        }
        else if (chain.CurrentActor != new Principal(client.ClientId, _settings.Issuer) && !client.MayActFor(chain.Subject))
        {
            throw OAuthException.InvalidRequest($"client '{client.ClientId}' is not the subject_token's current actor and may not act for '{chain.Subject}'; only they may carry the chain to a partner.");
        }

        DelegationRules.RequireDepth(actors.Count, _settings.MaxDelegationDepth, "this authority");
        if (subject.ExpiresAt <= _time.GetUtcNow().AddSeconds(1))
        {
            throw OAuthException.InvalidRequest("the subject_token expires now; exchange a token that is still valid.");
        }

        var descriptor = new TokenDescriptor
        {
            Kind = grant ? TokenKind.AuthorizationGrant : TokenKind.AccessToken,
            Issuer = _settings.Issuer,
            ClientId = client.ClientId,
            Audiences = grant ? [PartnerTarget(form, client)] : LocalTargets(form, client),
            Scopes = RequestPolicy.NarrowScopes(form.Scopes(), subject.Scopes, "the subject_token", client),
            Lifetime = grant ? _settings.AuthorizationGrantLifetime : _settings.AccessTokenLifetime,
            NotAfter = subject.ExpiresAt,
            Actors = actors,
            TransactionId = chain.TransactionId ?? TokenIssuance.NewTransactionId(),
            Purpose = DelegationRules.NarrowPurpose(chain.Purpose, form.Get("purpose")),
        };
        string[] parents = actor is { } a ? [_local.IdOf(subject), a.Id] : [_local.IdOf(subject)];
        var issued = await _issuance.IssueAsync(descriptor, chain.Subject, [.. parents.Distinct()], request.Operation, client.ClientId, request.Aborted);
        return grant
            ? new TokenResponse(issued.Token, OAuthNames.NotApplicable, _issuance.ExpiresIn(issued), descriptor.Scopes, OAuthNames.JwtTokenType)
            : _issuance.AccessTokenResponse(issued, descriptor.Scopes, OAuthNames.AccessTokenType);
    }

    /// <summary>The actor token's subject, when there is one: a token of this authority, issued to the client presenting it.</summary>
    private async ValueTask<(Principal Principal, string Id)?> ActorAsync(GrantContext request)
    {
        var token = request.Form.Get("actor_token");
        if (token is null)
        {
            return request.Form.Get("actor_token_type") is null
                ? null
                : throw OAuthException.InvalidRequest("actor_token_type is set but actor_token is missing (RFC 8693 §2.1).");
        }

        RequireTokenType("actor_token_type", request.Form.Require("actor_token_type", $"it is required with actor_token; use {OAuthNames.AccessTokenType}."));
        var actor = await ValidateAsync("actor_token", token, _local.ValidateAsync, request);
        return actor.ClientId == request.Client.ClientId
            ? (new Principal(actor.Subject!, _settings.Issuer), actor.JwtId!)
            : throw OAuthException.InvalidRequest($"the actor_token was issued to client '{actor.ClientId}', not to '{request.Client.ClientId}'; present your own token as actor_token.");
    }

    private async ValueTask<ValidatedToken> ValidateAsync(
        string parameter, string token, Func<string, CancellationToken, ValueTask<TokenValidationResult>> validate, GrantContext request)
    {
        var result = await validate(token, request.Aborted);
        if (!result.IsValid)
        {
            throw OAuthException.InvalidRequest($"the {parameter} was rejected: {result.Error.Description}.");
        }

        return _revocations.IsRevoked(_local.IdOf(result.Token))
            ? throw OAuthException.InvalidRequest($"the {parameter} has been revoked (or descends from a revoked token).")
            : result.Token;
    }

    private IReadOnlyList<string> LocalTargets(FormRequest form, ClientRegistration client)
    {
        var targets = RequestPolicy.Targets(form, client);
        return targets.FirstOrDefault(_settings.PartnersByIssuer.ContainsKey) is { } partner
            ? throw OAuthException.InvalidTarget($"'{partner}' is a partner authority: ask for requested_token_type={OAuthNames.JwtTokenType} to get an authorization grant for it.")
            : targets;
    }

    private string PartnerTarget(FormRequest form, ClientRegistration client)
    {
        var targets = RequestPolicy.Targets(form, client);
        return targets.Count == 1 && _settings.PartnersByIssuer.ContainsKey(targets[0])
            ? targets[0]
            : throw OAuthException.InvalidTarget($"an authorization grant ({OAuthNames.JwtTokenType}) is addressed to exactly one partner authority; name its issuer as audience ({string.Join(", ", _settings.PartnersByIssuer.Keys)}).");
    }

    private static void RequireTokenType(string parameter, string value)
    {
        if (!s_tokenTypes.Contains(value))
        {
            throw OAuthException.InvalidRequest($"{parameter} '{value}' is not supported; use {OAuthNames.AccessTokenType} or {OAuthNames.JwtTokenType}.");
        }
    }
}
