namespace FederatedAgents.Tokens.Validation;

/// <summary>
/// A rejected token: a machine-readable <see cref="Code"/> and a <see cref="Description"/> that
/// says what is wrong and, where it helps, how to fix it. Safe to log and to return as an OAuth
/// <c>error_description</c>: it never contains the token itself.
/// </summary>
public sealed record TokenError(TokenErrorCode Code, string Description)
{
    public override string ToString() => $"{Code}: {Description}";
}
