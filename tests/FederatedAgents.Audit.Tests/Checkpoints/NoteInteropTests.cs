using System.Text.Json.Nodes;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Checkpoints;

/// <summary>
/// Our signed checkpoints checked by an independent implementation — Python's <c>cryptography</c> package
/// (Debian's, for /usr/bin/python3) running <c>tests/interop/notes/verify_note.py</c> — from the published JWK alone.
/// </summary>
public sealed class NoteInteropTests
{
    private const string Python = "/usr/bin/python3";
    private readonly TestLog _bank = new("bank");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignedCheckpoint_VerifiesWithPythonCryptographyOnlyWhenUntouched(bool tamper)
    {
        await RequireCryptographyAsync();
        var head = new TreeHead(1234, MerkleHasher.HashLeaf("root"u8));
        var note = _bank.Sign(head).ToNote();
        if (tamper)
        {
            note = note.Replace("\n1234\n", "\n1235\n", StringComparison.Ordinal);
        }

        var result = await RunAsync(note);

        Assert.Equal(!tamper, result["verified"]!.GetValue<bool>());
        Assert.Equal($"{_bank.Signer.PublicKey.KeyId:x8}", result["key_id"]!.GetValue<string>());
    }

    private static async Task RequireCryptographyAsync()
    {
        var available = Prerequisite.CommandExists(Python)
            && (await ChildProcess.RunAsync(Python, ["-c", "import cryptography"]).Bounded()).Succeeded;
        Prerequisite.Require(available, "python3-cryptography for /usr/bin/python3", "Install it with `apt-get install python3-cryptography`.");
    }

    private async Task<JsonObject> RunAsync(string note)
    {
        var input = new JsonObject
        {
            ["note"] = note,
            ["name"] = _bank.Origin,
            ["jwk"] = JsonNode.Parse(_bank.Key.PublicKey.ToJson()),
        };
        var result = (await ChildProcess.RunAsync(Python, [RepoPaths.Combine("tests", "interop", "notes", "verify_note.py")], input.ToJsonString()).Bounded())
            .EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }
}
