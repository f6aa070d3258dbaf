using System.Text;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>Signs note text under a name with a P-256 key: the log's signer (named by its origin) or a witness's.</summary>
public sealed class NoteSigner
{
    private readonly SigningKey _key;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="key"/> is a P-256 (ES256) key.</summary>
    public NoteSigner(string name, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        PublicKey = new NoteKey(name, key.PublicKey);
        _key = key;
    }

    public string Name => PublicKey.Name;

    /// <summary>What verifiers need: the name and the public key.</summary>
    public NoteKey PublicKey { get; }

    public NoteSignature Sign(string text) =>
        new(Name, PublicKey.KeyId, EcdsaDerSignature.FromFixed(_key.Sign(Encoding.UTF8.GetBytes(text))));
}
