using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Checkpoints;

/// <summary>Logs' identities for tests: an origin, an audit key, its signer and its verifier.</summary>
internal sealed class TestLog
{
    public TestLog(string org)
    {
        Org = org;
        Origin = $"{org}.example/audit";
        Key = SigningKey.Generate();
        Signer = new NoteSigner(Origin, Key);
        Keys = new JsonWebKeySet([Key.PublicKey]);
        Verifier = new CheckpointVerifier(Origin, Keys);
    }

    public string Org { get; }

    public string Origin { get; }

    public SigningKey Key { get; }

    public NoteSigner Signer { get; }

    public JsonWebKeySet Keys { get; }

    public CheckpointVerifier Verifier { get; }

    public SignedCheckpoint Sign(TreeHead head)
    {
        var body = new CheckpointBody(Origin, head);
        return new SignedCheckpoint(body, [Signer.Sign(body.ToNoteText())]);
    }
}
