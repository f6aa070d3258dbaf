using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Protocol;

namespace FederatedAgents.Authority.Grants;

/// <summary>The narrowing every grant applies: scopes only ever shrink, audiences come from the client's allow-list.</summary>
internal static class RequestPolicy
{
    /// <summary>
    /// Requested (or, when none, <paramref name="held"/>) ∩ held ∩ the client's scopes, in request order.
    /// Empty is <c>invalid_scope</c>, saying what each side allows.
    /// </summary>
    public static IReadOnlyList<string> NarrowScopes(IReadOnlyList<string>? requested, IReadOnlyList<string> held, string heldBy, ClientRegistration client)
    {
        var granted = (requested ?? held).Where(s => held.Contains(s, StringComparer.Ordinal) && client.Scopes.Contains(s)).ToList();
        return granted.Count > 0
            ? granted
            : throw OAuthException.InvalidScope(
                $"no scope is left: asked for '{string.Join(' ', requested ?? held)}', {heldBy} holds '{string.Join(' ', held)}', "
                + $"and client '{client.ClientId}' may hold '{string.Join(' ', client.OrderedScopes)}'. Scopes only ever narrow.");
    }

    /// <summary>
    /// The <c>audience</c> and <c>resource</c> (RFC 8707: absolute URI, no fragment) values, each on the
    /// client's allow-list; the client's first audience when none is named. Anything else is <c>invalid_target</c>.
    /// </summary>
    public static IReadOnlyList<string> Targets(FormRequest form, ClientRegistration client)
    {
        var resources = form.GetAll("resource");
        foreach (var resource in resources)
        {
            if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
            {
                throw OAuthException.InvalidTarget($"resource '{resource}' is not an absolute URI without a fragment (RFC 8707 §2).");
            }
        }

        var targets = form.GetAll("audience").Concat(resources).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Count == 0)
        {
            return [client.Audiences[0]];
        }

        var refused = targets.Where(t => !client.MayTarget(t)).ToList();
        return refused.Count == 0
            ? targets
            : throw OAuthException.InvalidTarget(
                $"client '{client.ClientId}' may not ask for a token for {string.Join(", ", refused.Select(r => $"'{r}'"))}; it may ask for {string.Join(", ", client.Audiences.Select(a => $"'{a}'"))}.");
    }
}
