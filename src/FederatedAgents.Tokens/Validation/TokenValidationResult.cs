using System.Diagnostics.CodeAnalysis;

namespace FederatedAgents.Tokens.Validation;

/// <summary>The outcome of validating one token: the validated token, or why it was rejected. Validation never throws for bad tokens.</summary>
public sealed class TokenValidationResult
{
    private TokenValidationResult(ValidatedToken? token, TokenError? error)
    {
        Token = token;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Token is not null;

    public ValidatedToken? Token { get; }

    public TokenError? Error { get; }

    public static TokenValidationResult Success(ValidatedToken token) => new(token, null);

    public static TokenValidationResult Failure(TokenError error) => new(null, error);

    public static TokenValidationResult Failure(TokenErrorCode code, string description) => new(null, new TokenError(code, description));

    public override string ToString() => IsValid ? $"valid {Token.Kind.Name} from {Token.Issuer}" : Error.ToString();
}
