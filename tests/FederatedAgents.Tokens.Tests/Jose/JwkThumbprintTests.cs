using System.Security.Cryptography;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Tests.Jose;

public sealed class JwkThumbprintTests
{
    /// <summary>The example key of RFC 7638 §3.1 and its published thumbprint.</summary>
    private const string Rfc7638Key =
        "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

    [Fact]
    public void Compute_Rfc7638Example_MatchesPublishedThumbprint()
    {
        var key = JsonWebKey.Parse(Rfc7638Key);

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.Compute(key));
        Assert.Equal("2011-04-29", key.KeyId);
    }

    [Fact]
    public void Compute_IgnoresKidAlgAndUse()
    {
        using var key = SigningKey.Generate();
        using var samePublicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key.PublicKey.X, Y = key.PublicKey.Y },
        });

        var renamed = JsonWebKey.FromECDsa(samePublicKey, keyId: "some-other-kid");

        Assert.Equal(key.KeyId, JwkThumbprint.Compute(renamed));
    }
}
