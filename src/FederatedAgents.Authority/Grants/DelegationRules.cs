using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Tokens.Delegation;

namespace FederatedAgents.Authority.Grants;

/// <summary>
/// Who may extend a delegation chain, how far, and for what purpose (RFC 8693 §4.1, §4.4): the
/// subject token's <c>may_act</c> decides who acts next; without one, the client's <c>MayActFor</c>
/// policy does. Breaking a rule is <c>invalid_request</c>, as RFC 8693 §2.2.2 asks for an unacceptable token.
/// </summary>
internal static class DelegationRules
{
    /// <summary>Refuses <paramref name="actor"/> unless the subject's <c>may_act</c> names it, or (without one) the client's policy allows acting for the subject.</summary>
    public static void RequireMayAct(DelegationChain chain, Principal actor, ClientRegistration client)
    {
        if (chain.MayAct is { } mayAct)
        {
            if (mayAct != actor)
            {
                throw OAuthException.InvalidRequest($"the subject_token's may_act names '{mayAct}' as the only party that may act for '{chain.Subject}'; '{actor}' may not.");
            }

            return;
        }

        if (!client.MayActFor(chain.Subject))
        {
            throw OAuthException.InvalidRequest($"this authority's policy does not let client '{client.ClientId}' act for '{chain.Subject}' (and the subject_token has no may_act naming it).");
        }
    }

    /// <summary>Refuses a chain of more than <paramref name="maxDepth"/> actors.</summary>
    public static void RequireDepth(int depth, int maxDepth, string where)
    {
        if (depth > maxDepth)
        {
            throw OAuthException.InvalidRequest($"the delegation chain would hold {depth} actors; {where} allows at most {maxDepth}. Call with fewer intermediaries.");
        }
    }

    /// <summary>The purpose of the new token: the subject's, or a narrower one below it (<c>P/…</c>); a different one is refused.</summary>
    public static string? NarrowPurpose(string? held, string? requested)
    {
        if (requested is null || held is null || requested == held)
        {
            return requested ?? held;
        }

        return requested.StartsWith(held + "/", StringComparison.Ordinal)
            ? requested
            : throw OAuthException.InvalidRequest($"purpose '{requested}' does not narrow the subject_token's purpose '{held}'; ask for '{held}' or a purpose below it such as '{held}/…'.");
    }
}
