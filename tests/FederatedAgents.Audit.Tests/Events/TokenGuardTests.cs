using System.Buffers.Text;
using System.Reflection;
using System.Text;
using FederatedAgents.Audit.Events;

namespace FederatedAgents.Audit.Tests.Events;

public sealed class TokenGuardTests
{
    private static readonly string s_jwt =
        Base64Url.EncodeToString("""{"alg":"ES256","typ":"at+jwt","kid":"k1"}"""u8) + "."
        + Base64Url.EncodeToString("""{"iss":"https://auth.bank.example","sub":"alice"}"""u8) + "."
        + Base64Url.EncodeToString(new byte[64]);

    public static TheoryData<string, string> TextFields => new(
        from auditEvent in SampleEvents.OneOfEachKind()
        from property in auditEvent.GetType().GetProperties()
        where property.CanWrite && (property.PropertyType == typeof(string) || property.PropertyType == typeof(IReadOnlyList<string>))
        select (auditEvent.Kind, property.Name));

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Init_JwtInAnyTextField_IsRefusedNamingTheField(string kind, string field)
    {
        var auditEvent = SampleEvents.OneOfEachKind().Single(e => e.Kind == kind);
        var property = auditEvent.GetType().GetProperty(field)!;
        object value = property.PropertyType == typeof(string) ? $"expired token {s_jwt} presented" : new[] { s_jwt };

        var error = Assert.Throws<TargetInvocationException>(() => property.SetValue(auditEvent, value));

        var refusal = Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Contains($"'{field}'", refusal.Message);
        Assert.Contains("jti", refusal.Message);
    }

    [Theory]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
    [InlineData("auth.eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln")]
    [InlineData("Bearer ewogICJhbGciOiAiRVMyNTYiCn0.e30.c2ln")]
    [InlineData("eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn")]
    public void ContainsToken_CompactJoseShapes_AreDetected(string text) => Assert.True(AuditText.ContainsToken(text));

    [Theory]
    [InlineData("https://auth.bank.example")]
    [InlineData("customer.address.street")]
    [InlineData("/bank.Accounts/GetBalance")]
    [InlineData("urn:ietf:params:oauth:grant-type:token-exchange")]
    [InlineData("policy v1.2.3 matched rule accounts.read.basic")]
    public void ContainsToken_OrdinaryDottedIdentifiers_AreAccepted(string text) => Assert.False(AuditText.ContainsToken(text));

    [Fact]
    public void Create_JwtAsSubject_IsRefused() =>
        Assert.Throws<ArgumentException>(() => IssuerQualifiedName.Create(s_jwt, "https://auth.bank.example"));

    [Fact]
    public void Deserialize_RecordWithJwtInAField_IsRefused()
    {
        var json = $$"""
            {"kind":"revocation","v":1,"eventId":"e","outcome":"success","occurredAt":"2026-11-21T12:00:00.0000000Z",
            "org":"bank","actors":[],"scopes":[],"tokenId":"{{s_jwt}}"}
            """;

        var error = Assert.Throws<FormatException>(() => AuditEventSerializer.Deserialize(Encoding.ASCII.GetBytes(json)));

        Assert.Contains("TokenId", error.Message);
    }

    [Fact]
    public void Init_PayloadSizedText_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleEvents.Call("e", 0, "insurer", "/m") with { Reason = new string('x', 5000) });

        Assert.Contains("not payloads", error.Message);
    }
}
