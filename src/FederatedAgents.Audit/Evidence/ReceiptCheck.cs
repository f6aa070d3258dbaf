using FederatedAgents.Audit.Receipts;

namespace FederatedAgents.Audit.Evidence;

/// <summary>How far a partner receipt held in a bundle was confirmed.</summary>
public enum ReceiptStatus
{
    /// <summary>Signed by the issuer and its leaf proven in the issuer's log against the issuer's verified checkpoint.</summary>
    Verified,

    /// <summary>Signed by the issuer and matching the holder's record; the issuer's log was not at hand to prove the leaf.</summary>
    SignatureVerified,

    /// <summary>No audit keys of the issuer were available, so nothing about it could be checked.</summary>
    Unchecked,

    /// <summary>Forged, altered, for another call, or naming a leaf the issuer's log does not hold: a contradiction between the two sides.</summary>
    Invalid,
}

/// <summary>The outcome for one receipt: who holds it beside which record, who issued it, and what was found.</summary>
public sealed record ReceiptCheck(string Holder, long HolderIndex, string Issuer, ReceiptStatus Status, string Message)
{
    /// <summary>The receipt's claims when its signature verified.</summary>
    public AuditReceipt? Receipt { get; init; }
}
