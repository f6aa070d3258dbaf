using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>A stored record: its leaf index and the canonical bytes that were hashed into the tree.</summary>
public sealed record AuditRecord(long Index, byte[] LeafData)
{
    /// <summary>The typed event; throws <see cref="FormatException"/> when the stored bytes are not a valid record.</summary>
    public AuditEvent ToEvent() => AuditEventSerializer.Deserialize(LeafData);

    public Sha256Hash LeafHash => MerkleHasher.HashLeaf(LeafData);
}

/// <summary>Where an appended record landed, and the tree head of the commit that made it durable.</summary>
public sealed record AuditAppendResult(long Index, TreeHead TreeHead);
