using System.Text;
using FederatedAgents.Audit.Events;

namespace FederatedAgents.Audit.Tests.Events;

public sealed class AuditEventSerializerTests
{
    public static TheoryData<string> Kinds => new(SampleEvents.OneOfEachKind().Select(e => e.Kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialize_ThenDeserialize_GivesSameEventAndSameBytes(string kind)
    {
        var original = SampleEvents.OneOfEachKind().Single(e => e.Kind == kind);
        var bytes = AuditEventSerializer.Serialize(original);

        var read = AuditEventSerializer.Deserialize(bytes);

        Assert.IsType(original.GetType(), read);
        Assert.Equal(original.Kind, read.Kind);
        Assert.Equal(original.Outcome, read.Outcome);
        Assert.Equal(original.Subject, read.Subject);
        Assert.Equal(original.Actors, read.Actors);
        Assert.Equal(original.Scopes, read.Scopes);
        Assert.Equal(bytes, AuditEventSerializer.Serialize(read));
    }

    [Fact]
    public void Serialize_CallCompleted_IsTheCanonicalV1Form()
    {
        var completed = SampleEvents.OneOfEachKind().OfType<CallCompletedEvent>().Single();

        var text = Encoding.ASCII.GetString(AuditEventSerializer.Serialize(completed));

        var expected = $$"""
            {"kind":"call.completed","v":1,"eventId":"evt-completed","outcome":"success","occurredAt":"2026-11-21T12:30:15.1230000Z",
            "org":"bank","traceId":"4bf92f3577b34da6a3ce929d0e0e4736","txn":"txn-1","subject":"alice@https://auth.bank.example",
            "actors":["planner@https://auth.bank.example","gateway@https://auth.bank.example"],"clientId":"gateway",
            "partnerOrg":"insurer","scopes":["accounts.read"],"purpose":"claim-review","method":"/bank.Accounts/GetBalance",
            "grpcStatus":0,"latencyMicros":1234,"requestDigest":"{{Sha256Hash.Of("request"u8)}}",
            "responseDigest":"{{Sha256Hash.Of("response"u8)}}","removedFields":["customer.ssn","customer.birth_date"]}
            """;
        Assert.Equal(expected.ReplaceLineEndings(""), text);
    }

    [Fact]
    public void Serialize_NonAsciiAndQuotes_EscapesToPureAscii()
    {
        var approval = SampleEvents.OneOfEachKind().OfType<ApprovalEvent>().Single() with { Reason = "Zürich \"ok\" \\ 😀" };

        var bytes = AuditEventSerializer.Serialize(approval);

        Assert.All(bytes, b => Assert.InRange(b, 0x20, 0x7e));
        Assert.Contains("""Z\u00fcrich \"ok\" \\ \ud83d\ude00""", Encoding.ASCII.GetString(bytes));
        Assert.Equal(approval.Reason, AuditEventSerializer.Deserialize(bytes).Reason);
    }

    [Fact]
    public void Serialize_OffsetTimestamp_IsWrittenInUtc()
    {
        var issued = SampleEvents.OneOfEachKind().OfType<TokenIssuedEvent>().Single()
            with { OccurredAt = new DateTimeOffset(2026, 11, 21, 14, 0, 0, TimeSpan.FromHours(2)) };

        Assert.Contains("\"occurredAt\":\"2026-11-21T12:00:00.0000000Z\"", Encoding.ASCII.GetString(AuditEventSerializer.Serialize(issued)));
    }

    [Theory]
    [InlineData("""{"kind":"call.allowed","v":1,"eventId":"a","eventId":"b","outcome":"success","occurredAt":"2026-11-21T12:00:00.0000000Z","org":"bank","actors":[],"scopes":[],"method":"/m"}""", "Duplicate")]
    [InlineData("""{"kind":"call.allowed","v":1,"eventId":"a","outcome":"success","occurredAt":"2026-11-21T12:00:00.0000000Z","org":"bank","actors":[],"scopes":[],"method":"/m","payload":"x"}""", "payload")]
    [InlineData("""{"kind":"call.allowed","v":2,"eventId":"a","outcome":"success","occurredAt":"2026-11-21T12:00:00.0000000Z","org":"bank","actors":[],"scopes":[],"method":"/m"}""", "version 2")]
    [InlineData("""{"kind":"call.exploded","v":1}""", "call.exploded")]
    [InlineData("""{"kind":"call.allowed","v":1,"eventId":"a","outcome":"success","occurredAt":"2026-11-21 12:00","org":"bank","actors":[],"scopes":[],"method":"/m"}""", "UTC")]
    public void Deserialize_NonCanonicalOrUnknownInput_ThrowsFormatExceptionSayingWhy(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AuditEventSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, error.Message);
    }
}
