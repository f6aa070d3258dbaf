using System.Collections.Concurrent;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Audit.Receipts;

/// <summary>
/// Verifies partner organizations' audit receipts offline, with nothing but their published audit keys: the
/// JWT rules of a signed statement of type <c>audit-receipt+jwt</c> (strict JWS, typ, exact issuer, a key of
/// that issuer, <c>iat</c> not in the future), then every receipt claim's presence and form. Thread-safe.
/// </summary>
public sealed class AuditReceiptVerifier
{
    private readonly StaticIssuerKeyResolver _keys;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Issuer, string? Audience), TokenValidator> _validators = new();

    /// <param name="auditKeys">Each partner organization's name (the receipts' <c>iss</c>) and its published audit keys.</param>
    public AuditReceiptVerifier(IReadOnlyDictionary<string, JsonWebKeySet> auditKeys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(auditKeys);
        _keys = new StaticIssuerKeyResolver(auditKeys.Select(pair => new IssuerKeys(pair.Key, pair.Value)));
        _time = time;
    }

    /// <summary>
    /// Checks a receipt that <paramref name="issuer"/> should have signed; with <paramref name="audience"/> set,
    /// it must also be addressed to that organization (the caller's own name). Never throws for a bad receipt.
    /// </summary>
    public async ValueTask<AuditReceiptResult> VerifyAsync(
        string token, string issuer, string? audience = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        var validator = _validators.GetOrAdd((issuer, audience), key => new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.SignedStatement(TokenTypes.AuditReceipt), Issuers = [key.Issuer], Audience = key.Audience },
            _keys,
            _time));
        var result = await validator.ValidateAsync(token, cancellationToken);
        if (!result.IsValid)
        {
            return AuditReceiptResult.Failure($"the receipt from '{issuer}' is not valid: {result.Error.Description}");
        }

        var receipt = AuditReceiptReader.Read(token, result.Token, out var problem);
        return receipt is null
            ? AuditReceiptResult.Failure($"the receipt from '{issuer}' is signed but malformed: {problem}")
            : AuditReceiptResult.Success(receipt);
    }
}

/// <summary>A verified receipt, or why it was rejected.</summary>
public sealed record AuditReceiptResult(AuditReceipt? Receipt, string? Problem)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Receipt))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Receipt is not null;

    public static AuditReceiptResult Success(AuditReceipt receipt) => new(receipt, null);

    public static AuditReceiptResult Failure(string problem) => new(null, problem);
}
