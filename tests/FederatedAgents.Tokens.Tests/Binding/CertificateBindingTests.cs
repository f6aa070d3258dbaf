using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Tokens.Binding;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Binding;

public sealed class CertificateBindingTests
{
    private static readonly X509Certificate2 s_client = SelfSigned("CN=credit-agent");
    private static readonly X509Certificate2 s_other = SelfSigned("CN=someone-else");

    private readonly TestBed _bed = new();

    [Fact]
    public void Compute_IsBase64UrlOfTheSha256CertificateHash()
    {
        var expected = Base64Url.EncodeToString(s_client.GetCertHash(HashAlgorithmName.SHA256));

        Assert.Equal(expected, CertificateThumbprint.Compute(s_client));
        Assert.Equal(43, expected.Length);
    }

    [Fact]
    public void Matches_SameAndOtherCertificate()
    {
        var thumbprint = CertificateThumbprint.Compute(s_client);

        Assert.True(CertificateThumbprint.Matches(thumbprint, s_client));
        Assert.False(CertificateThumbprint.Matches(thumbprint, s_other));
        Assert.False(CertificateThumbprint.Matches("not base64url!", s_client));
    }

    [Fact]
    public async Task Check_BoundTokenFromTheBoundCertificate_Passes()
    {
        var token = await BoundToken(s_client);

        Assert.Null(SenderConstraint.Check(token, s_client, requireBinding: true));
    }

    [Fact]
    public async Task Check_BoundTokenFromAnotherCertificate_Rejected()
    {
        var token = await BoundToken(s_client);

        var error = SenderConstraint.Check(token, s_other, requireBinding: false);

        Assert.Equal(TokenErrorCode.CertificateMismatch, error?.Code);
        Assert.Contains(CertificateThumbprint.Compute(s_other), error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BoundTokenWithoutClientCertificate_Rejected()
    {
        var error = SenderConstraint.Check(await BoundToken(s_client), null, requireBinding: false);

        Assert.Equal(TokenErrorCode.CertificateMismatch, error?.Code);
    }

    [Fact]
    public async Task Check_UnboundToken_PassesOnlyWhenBindingIsNotRequired()
    {
        var token = (await _bed.ValidateAsync(_bed.Sign(_bed.AccessTokenClaims()))).Token!;

        Assert.Null(SenderConstraint.Check(token, s_client, requireBinding: false));
        Assert.Equal(TokenErrorCode.CertificateMismatch, SenderConstraint.Check(token, s_client, requireBinding: true)?.Code);
    }

    private async Task<ValidatedToken> BoundToken(X509Certificate2 certificate)
    {
        var claims = _bed.AccessTokenClaims();
        claims["cnf"] = new System.Text.Json.Nodes.JsonObject { ["x5t#S256"] = CertificateThumbprint.Compute(certificate) };
        var result = await _bed.ValidateAsync(_bed.Sign(claims));
        Assert.True(result.IsValid, result.ToString());
        return result.Token;
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
    }
}
