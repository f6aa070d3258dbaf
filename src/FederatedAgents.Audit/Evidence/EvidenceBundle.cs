using System.Text.Json;
using System.Text.Json.Serialization;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Evidence;

/// <summary>
/// What one organization hands another party about some of its records, verifiable offline: the records
/// (their exact leaf bytes), an inclusion proof of each against one signed checkpoint, that checkpoint, the
/// partner receipts stored beside the records, and the organization's published audit keys.
/// Read and write it with <see cref="ToJson"/> and <see cref="Parse"/>.
/// </summary>
public sealed record EvidenceBundle
{
    public const string CurrentFormat = "federatedagents.audit-bundle/v1";

    /// <summary>Bundles larger than this are refused before parsing.</summary>
    public const int MaxJsonLength = 256 * 1024 * 1024;

    public string Format { get; init; } = CurrentFormat;

    /// <summary>The exporting organization: its records' <c>org</c>, its receipts' <c>iss</c>.</summary>
    public required string Org { get; init; }

    /// <summary>The origin of the organization's log (the checkpoint's first line, and its note key name).</summary>
    public required string Origin { get; init; }

    public required DateTimeOffset ExportedAt { get; init; }

    /// <summary>What was asked for, as text (e.g. <c>txn=txn-1</c>).</summary>
    public required string Query { get; init; }

    /// <summary>The exporter's published audit keys (a JWK Set). Verifiers should trust keys they got elsewhere.</summary>
    public required JsonElement Keys { get; init; }

    /// <summary>The signed checkpoint (a C2SP signed note) every record's proof leads to.</summary>
    public required string Checkpoint { get; init; }

    public required IReadOnlyList<BundleRecord> Records { get; init; }

    public required IReadOnlyList<BundleReceipt> Receipts { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, EvidenceJsonContext.Default.EvidenceBundle);

    /// <summary>Parses a bundle; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static EvidenceBundle Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonLength)
        {
            throw new FormatException($"The bundle is {json.Length} characters; the limit is {MaxJsonLength}.");
        }

        try
        {
            var bundle = JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.EvidenceBundle)
                ?? throw new FormatException("An evidence bundle cannot be JSON null.");
            return bundle.Format == CurrentFormat
                ? bundle
                : throw new FormatException($"The bundle's format is '{bundle.Format}'; this build reads '{CurrentFormat}'.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not an evidence bundle ({CurrentFormat}): {e.Message}", e);
        }
    }

    /// <summary>The embedded keys as a JWK Set; throws <see cref="FormatException"/> when they are not one.</summary>
    public JsonWebKeySet EmbeddedKeys() => JsonWebKeySet.Parse(Keys.GetRawText());

    /// <summary>The checkpoint, parsed but not verified.</summary>
    public SignedCheckpoint ParseCheckpoint() => SignedCheckpoint.Parse(Checkpoint);
}

/// <summary>A record: its index, its exact leaf bytes as text (canonical JSON, ASCII), and its inclusion proof (hex) against the bundle's checkpoint.</summary>
public sealed record BundleRecord(long Index, string Leaf, IReadOnlyList<string> Proof)
{
    public byte[] LeafData() => System.Text.Encoding.ASCII.GetBytes(Leaf);

    /// <summary>The proof as an <see cref="InclusionProof"/>; throws <see cref="FormatException"/> for a hash that is not 64 hex digits.</summary>
    public InclusionProof InclusionProofFor(long treeSize) => new(Index, treeSize, [.. Proof.Select(Sha256Hash.Parse)]);
}

/// <summary>A partner's receipt stored beside the exporter's record <see cref="OwnIndex"/>.</summary>
public sealed record BundleReceipt(long OwnIndex, string Issuer, string Token);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(EvidenceBundle))]
internal sealed partial class EvidenceJsonContext : JsonSerializerContext;
