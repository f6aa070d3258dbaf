using System.Buffers.Binary;
using System.Security.Cryptography;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Checkpoints;

public sealed class SignedCheckpointTests
{
    private static readonly TreeHead Head = new(42, MerkleHasher.HashLeaf("root"u8));
    private readonly TestLog _bank = new("bank");

    [Fact]
    public void Sign_Note_HasTheBodyABlankLineAndOneSignatureLineUnderTheOrigin()
    {
        var note = _bank.Sign(Head).ToNote();

        var lines = note.Split('\n');
        Assert.Equal(["bank.example/audit", "42", Convert.ToBase64String(Head.Root.AsSpan()), ""], lines[..4]);
        Assert.StartsWith("\u2014 bank.example/audit ", lines[4]);
        Assert.Equal("", lines[5]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void Sign_KeyId_IsTheFirstFourBytesOfTheSha256OfTheKeysSubjectPublicKeyInfo()
    {
        var signature = _bank.Sign(Head).Signatures[0];

        var spkiHash = SHA256.HashData(_bank.Key.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(spkiHash), signature.KeyId);
    }

    [Fact]
    public void Parse_OwnNote_RoundTripsAndVerifiesWithOnlyThePublishedJwk()
    {
        var note = _bank.Sign(Head).ToNote();
        var published = JsonWebKeySet.Parse(_bank.Keys.ToJson());

        var parsed = SignedCheckpoint.Parse(note);

        Assert.Equal(Head, parsed.Head);
        Assert.Equal(note, parsed.ToNote());
        Assert.Null(new CheckpointVerifier("bank.example/audit", published).Check(parsed));
    }

    [Fact]
    public void Check_RootChangedInTheNote_SaysTheSignatureDoesNotVerify()
    {
        var note = _bank.Sign(Head).ToNote().Replace(Convert.ToBase64String(Head.Root.AsSpan()), Convert.ToBase64String(MerkleHasher.EmptyRoot.AsSpan()));

        var problem = _bank.Verifier.Check(SignedCheckpoint.Parse(note));

        Assert.Contains("does not verify", problem);
    }

    [Fact]
    public void Check_SignedByAnotherKeyUnderTheSameName_SaysNoSignatureByTheLogsKey()
    {
        var impostor = new NoteSigner(_bank.Origin, SigningKey.Generate());
        var body = new CheckpointBody(_bank.Origin, Head);

        var problem = _bank.Verifier.Check(new SignedCheckpoint(body, [impostor.Sign(body.ToNoteText())]));

        Assert.Contains("has no signature by the audit key of 'bank.example/audit'", problem);
    }

    [Fact]
    public void Check_CheckpointOfAnotherLog_NamesBothOrigins()
    {
        var bureau = new TestLog("bureau");

        var problem = new CheckpointVerifier(_bank.Origin, bureau.Keys).Check(bureau.Sign(Head));

        Assert.Contains("names log 'bureau.example/audit', not 'bank.example/audit'", problem);
    }

    [Fact]
    public void Check_ValidSignatureFollowedByABadOneOfTheSameKey_RejectsTheWholeNote()
    {
        var good = _bank.Sign(Head);
        var bad = new NoteSignature(good.Signatures[0].KeyName, good.Signatures[0].KeyId, _bank.Sign(Head with { Size = 7 }).Signatures[0].Signature);

        var problem = _bank.Verifier.Check(new SignedCheckpoint(good.Body, [good.Signatures[0], bad]));

        Assert.Contains("does not verify", problem);
    }

    [Theory]
    [InlineData("bank.example/audit\n42\nAAAA\n")]
    [InlineData("bank.example/audit\n42\n{root}\n\n")]
    [InlineData("bank.example/audit\n42\n{root}\n\n\u2014 bank.example/audit not*base64\n")]
    [InlineData("bank.example/audit\n42\n{root}\n\n\u2014 bank.example/audit AAAA\n")]
    [InlineData("bank.example/audit\n42\n{root}\n\n- bank.example/audit AAAAAAAAAAAA\n")]
    [InlineData("bank.example/audit\r\n42\n{root}\n\n\u2014 bank.example/audit AAAAAAAAAAAA\n")]
    public void Parse_MalformedNote_ThrowsFormatException(string note)
    {
        Assert.Throws<FormatException>(() => SignedCheckpoint.Parse(note.Replace("{root}", Convert.ToBase64String(Head.Root.AsSpan()))));
    }

    [Fact]
    public void WithSignature_SameKeyTwice_KeepsOneLine()
    {
        var checkpoint = _bank.Sign(Head);

        Assert.Same(checkpoint, checkpoint.WithSignature(checkpoint.Signatures[0]));
    }
}
