using System.Security.Cryptography;
using System.Text;
using FederatedAgents.Tokens.Delegation;

namespace FederatedAgents.Authority.Configuration;

/// <summary><c>Authority:DevIdentityProvider</c>: test users, each with a password, scopes and an optional <c>may_act</c>.</summary>
internal static class DevIdentityLoader
{
    private const string Section = "Authority:DevIdentityProvider";

    public static DevIdentityProvider? Load(DevIdentityProviderOptions? options, ClientsLoader.Result clients, string issuer, ConfigurationProblems problems)
    {
        if (options is null)
        {
            return null;
        }

        if (options.TokenLifetime < TimeSpan.FromSeconds(1) || options.TokenLifetime > TimeSpan.FromDays(1))
        {
            problems.Add($"{Section}:TokenLifetime", $"is {options.TokenLifetime}; use between 00:00:01 and 1.00:00:00 (default 01:00:00).");
        }

        if (options.Users.Count == 0)
        {
            problems.Add($"{Section}:Users", "is empty; list test users ({ \"Username\": \"alice\", \"Password\": \"…\", \"Scopes\": [\"loans.read\"] }) or remove the section.");
        }

        var users = new List<DevUser>();
        for (var i = 0; i < options.Users.Count; i++)
        {
            var key = $"{Section}:Users:{i}";
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.Username) || users.Any(u => u.Username == user.Username))
            {
                problems.Add($"{key}:Username", $"is {(string.IsNullOrWhiteSpace(user.Username) ? "missing" : $"'{user.Username}', which another user already has")}; give each user their own name.");
                continue;
            }

            if (string.IsNullOrEmpty(user.Password))
            {
                problems.Add($"{key}:Password", "is missing; set a password for the test user.");
                continue;
            }

            if (user.Scopes.Count == 0 || user.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal)))
            {
                problems.Add($"{key}:Scopes", "must list the scopes the user holds, each without spaces, e.g. [\"loans.read\"].");
                continue;
            }

            if (user.MayAct is not null && (!clients.Registrations.TryGetValue(user.MayAct, out var actor) || actor.Partner is not null))
            {
                problems.Add($"{key}:MayAct", $"is '{user.MayAct}', which is not one of this organization's clients; name the client id of the agent that may act for the user.");
                continue;
            }

            var mayAct = user.MayAct is null ? (Principal?)null : new Principal(user.MayAct, issuer);
            users.Add(new DevUser(user.Username, SHA256.HashData(Encoding.UTF8.GetBytes(user.Password)), [.. user.Scopes], mayAct));
        }

        return new DevIdentityProvider(options.TokenLifetime, users);
    }
}
