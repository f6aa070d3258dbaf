using System.Text;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Tests.Jose;

public sealed class CompactJwsTests
{
    [Fact]
    public void Sign_HeaderIsExactlyAlgKidTyp_AndSignatureVerifies()
    {
        using var key = SigningKey.Generate();

        var token = CompactJws.Sign(key, "audit-receipt+jwt", "{\"n\":1}"u8);

        var header = TestBed.Part(token, 0);
        Assert.Equal(["alg", "kid", "typ"], header.Select(p => p.Key));
        Assert.Equal(("ES256", key.KeyId, "audit-receipt+jwt"), (header["alg"]!.GetValue<string>(), header["kid"]!.GetValue<string>(), header["typ"]!.GetValue<string>()));
        var signingInput = token[..token.LastIndexOf('.')];
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1));
        Assert.True(key.PublicKey.Verify(Encoding.ASCII.GetBytes(signingInput), signature));
    }
}
