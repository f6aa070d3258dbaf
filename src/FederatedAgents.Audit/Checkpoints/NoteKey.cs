using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>
/// A public key trusted to sign notes under a name: a log's key (named by its origin) or a witness's.
/// Signatures are C2SP signed-note type 0x02: ECDSA P-256 with SHA-256 over the note text, DER-encoded,
/// and the key ID is the first 4 bytes of SHA-256 over the key's DER SubjectPublicKeyInfo. The key is the
/// one an organization publishes as a JWK, so a note verifies with nothing but that JWK and the name.
/// </summary>
public sealed class NoteKey
{
    public NoteKey(string name, JsonWebKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Algorithm != JwsAlgorithm.ES256)
        {
            throw new ArgumentException($"Note signatures use P-256 (ES256) keys; key '{key.KeyId}' is {key.Algorithm}.", nameof(key));
        }

        Name = NoteSignature.CheckKeyName(name);
        Key = key;
        KeyId = KeyIdOf(key);
    }

    public string Name { get; }

    public JsonWebKey Key { get; }

    public uint KeyId { get; }

    /// <summary>Every key of a JWK Set under one name (a log's current and previous audit keys, say); non-P-256 keys are skipped.</summary>
    public static IReadOnlyList<NoteKey> All(string name, JsonWebKeySet keys) =>
        [.. keys.Keys.Where(k => k.Algorithm == JwsAlgorithm.ES256).Select(k => new NoteKey(name, k))];

    public static uint KeyIdOf(JsonWebKey key) =>
        BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    /// <summary>True when <paramref name="signature"/> is this key's (name and ID) and verifies over <paramref name="text"/>.</summary>
    public bool Verifies(string text, NoteSignature signature) =>
        Matches(signature)
        && EcdsaDerSignature.ToFixed(signature.Signature) is { } fixedSignature
        && Key.Verify(Encoding.UTF8.GetBytes(text), fixedSignature);

    public bool Matches(NoteSignature signature) => signature.KeyName == Name && signature.KeyId == KeyId;

    public override string ToString() => $"{Name} (key id {KeyId:x8})";
}
