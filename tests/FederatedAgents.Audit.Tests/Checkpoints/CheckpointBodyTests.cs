using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Tests.Merkle;

namespace FederatedAgents.Audit.Tests.Checkpoints;

public sealed class CheckpointBodyTests
{
    private static readonly TreeHead s_head = new(8, GoldenVectors.Hash(GoldenVectors.Roots[8]));

    [Fact]
    public void ToNoteText_Head_IsOriginSizeAndBase64RootLines()
    {
        var body = new CheckpointBody("bank.example/audit", s_head);

        Assert.Equal("bank.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", body.ToNoteText());
    }

    [Fact]
    public void Parse_ItsOwnText_GivesTheSameBody()
    {
        var body = new CheckpointBody("bank.example/audit", s_head);

        Assert.Equal(body, CheckpointBody.Parse(body.ToNoteText()));
    }

    [Theory]
    [InlineData("bank.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=")]
    [InlineData("bank.example/audit\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("bank.example/audit\n-8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("bank.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQ=\n")]
    [InlineData("bank.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\nextra\n")]
    public void Parse_AnythingElse_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => CheckpointBody.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("two\nlines")]
    [InlineData(" padded")]
    public void Constructor_OriginNotOneLine_ThrowsNamingTheOrigin(string origin) =>
        Assert.Throws<ArgumentException>(() => new CheckpointBody(origin, s_head));
}
