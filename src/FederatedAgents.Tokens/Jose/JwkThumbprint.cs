using System.Buffers.Text;
using System.Security.Cryptography;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// RFC 7638 JWK thumbprints: SHA-256 over the required public members only, in lexicographic
/// order, without whitespace (EC: crv, kty, x, y; RSA: e, kty, n), base64url-encoded. Used as
/// <c>kid</c> for every key this project generates or loads.
/// </summary>
public static class JwkThumbprint
{
    public static string Compute(JsonWebKey key)
    {
        var canonical = StrictJson.Write(writer =>
        {
            writer.WriteStartObject();
            if (key.X is not null)
            {
                writer.WriteString("crv", key.Algorithm.Curve!.Name);
                writer.WriteString("kty", "EC");
                writer.WriteString("x", Base64Url.EncodeToString(key.X));
                writer.WriteString("y", Base64Url.EncodeToString(key.Y!));
            }
            else
            {
                writer.WriteString("e", Base64Url.EncodeToString(key.Exponent!));
                writer.WriteString("kty", "RSA");
                writer.WriteString("n", Base64Url.EncodeToString(key.Modulus!));
            }

            writer.WriteEndObject();
        });

        return Base64Url.EncodeToString(SHA256.HashData(canonical));
    }
}
