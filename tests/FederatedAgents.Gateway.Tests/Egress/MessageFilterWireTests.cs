using System.Text;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Grpc;
using FederatedAgents.Testing.Egress;
using FederatedAgents.Testing.Egress.Legacy;
using Google.Protobuf;

namespace FederatedAgents.Gateway.Tests.Egress;

/// <summary>The filter at the byte level: fields it does not know, malformed input, nesting, groups, sparse numbers.</summary>
public class MessageFilterWireTests
{
    [Fact]
    public void Filter_UnknownFields_CopiedUnchangedAtEveryLevel()
    {
        var account = Account.Parser.ParseFrom(
            WithUnknown(new Account { AccountNumber = "A-1", Lender = "North Bank" }.ToByteArray(), 99, "unknown-in-account"));
        var report = new CreditReport { NationalId = "N-1", Accounts = { account } }.ToByteArray();
        // Unknown fields of every wire type at the top level: string, varint, fixed64, fixed32, group.
        byte[] unknownTop = [.. WithUnknown([], 98, "unknown-at-top"), 0x88, 0x06, 0x2A, 0x91, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, 0x9D, 0x06, 9, 9, 9, 9, 0x9B, 0x06, 0x08, 0x01, 0x9C, 0x06];
        byte[] input = [.. report, .. unknownTop];

        var (bytes, removed) = Filters.Run(CreditReport.Descriptor, input);

        var expected = CreditReport.Parser.ParseFrom(input);
        expected.NationalId = "";
        expected.Accounts[0].AccountNumber = "";
        Assert.Equal(expected, CreditReport.Parser.ParseFrom(bytes));
        Assert.True(bytes.AsSpan().IndexOf(unknownTop) >= 0);
        Assert.True(bytes.AsSpan().IndexOf("unknown-in-account"u8) >= 0);
        Assert.Equal(["national_id", "accounts[].account_number"], removed);
    }

    [Theory]
    [InlineData(new byte[] { 0x08, 0x80 }, "ends inside a varint")]
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "varint longer than 10 bytes")]
    [InlineData(new byte[] { 0x1A, 0x05, 0x41 }, "field 3 declares 5 bytes but 1 remain")]
    [InlineData(new byte[] { 0x0F }, "wire type 7")]
    [InlineData(new byte[] { 0x0E }, "wire type 6")]
    [InlineData(new byte[] { 0x02, 0x00 }, "field number 0")]
    [InlineData(new byte[] { 0x0C }, "end-group tag of field 1 outside a group")]
    [InlineData(new byte[] { 0x0B, 0x08, 0x01 }, "group of field 1 has no end-group tag")]
    [InlineData(new byte[] { 0x0B, 0x14 }, "end-group tag of field 2 closes the group of field 1")]
    [InlineData(new byte[] { 0x11, 0x01, 0x02 }, "field 2 needs 8 bytes but 2 remain")]
    [InlineData(new byte[] { 0x38, 0x01 }, "field 7 of federatedagents.agents.credit.v1.CreditReport holds a message but has wire type 0")]
    [InlineData(new byte[] { 0x3A, 0x02, 0x0A, 0x05 }, "field 1 declares 5 bytes but 0 remain")]
    public void Filter_MalformedInput_ThrowsInternalNamingTheProblem(byte[] input, string problem)
    {
        var ex = Assert.Throws<RpcException>(() => Filters.Run(CreditReport.Descriptor, input));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("federatedagents.agents.credit.v1.CreditReport message: it is not valid protobuf", ex.Status.Detail);
        Assert.Contains(problem, ex.Status.Detail);
    }

    [Fact]
    public void Filter_RecursiveType_FiltersEveryLevel()
    {
        var tree = Nest(depth: 90, new TreeNode { Label = "leaf", Secret = "SECRET-LEAF" });
        tree.Secret = "SECRET-ROOT";
        tree.ParentCopy = new TreeNode { Secret = "SECRET-COPY", Children = { new TreeNode { Secret = "SECRET-COPY-CHILD" } } };

        var (bytes, removed) = Filters.Run(TreeNode.Descriptor, tree.ToByteArray());

        Assert.DoesNotContain("SECRET", Encoding.UTF8.GetString(bytes));
        var filtered = TreeNode.Parser.ParseFrom(bytes);
        for (var i = 0; i < 90; i++)
        {
            filtered = Assert.Single(filtered.Children);
        }

        Assert.Equal(new TreeNode { Label = "leaf" }, filtered);
        Assert.Contains("secret", removed);
        Assert.Contains(string.Join('.', Enumerable.Repeat("children[]", 90)) + ".secret", removed);
        Assert.Contains("parent_copy.children[].secret", removed);
    }

    [Fact]
    public void Filter_OneFieldRemovedAtManyDepths_EveryPathReportedOnEachCall()
    {
        var tree = new TreeNode { Secret = "SECRET-12" };
        for (var i = 11; i >= 0; i--)
        {
            tree = new TreeNode { Secret = $"SECRET-{i}", Children = { tree, new TreeNode { Secret = $"SECRET-{i}-sibling" } } };
        }

        var expected = Enumerable.Range(0, 13).Select(depth => string.Concat(Enumerable.Repeat("children[].", depth)) + "secret").ToList();
        var filter = Filters.For(TreeNode.Descriptor);

        var first = Filters.Run(filter, tree.ToByteArray());
        var second = Filters.Run(filter, tree.ToByteArray());

        Assert.Equal(expected, first.Removed);
        Assert.Equal(expected, second.Removed);
        Assert.Equal(first.Bytes, second.Bytes);
        Assert.DoesNotContain("SECRET", Encoding.UTF8.GetString(second.Bytes));
    }

    [Fact]
    public void Filter_NestingBeyondLimit_ThrowsInternal()
    {
        var tree = Nest(depth: 120, new TreeNode { Secret = "SECRET-DEEP" });

        var ex = Assert.Throws<RpcException>(() => Filters.Run(TreeNode.Descriptor, tree.ToByteArray()));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("nest deeper than 100 levels", ex.Status.Detail);
    }

    [Fact]
    public void Filter_HighFieldNumbers_RemovedAndKeptByNumber()
    {
        var input = new SparseNumbers { Visible = "v", HiddenHigh = "HIDDEN-HIGH", VisibleHigh = 7 }.ToByteArray();

        var (bytes, removed) = Filters.Run(SparseNumbers.Descriptor, input);

        Assert.Equal(new SparseNumbers { Visible = "v", VisibleHigh = 7 }, SparseNumbers.Parser.ParseFrom(bytes));
        Assert.Equal(["hidden_high"], removed);
    }

    [Fact]
    public void Filter_Groups_FilteredInsideWithoutLengths()
    {
        var record = new LegacyRecord
        {
            Name = "n",
            Holder = new LegacyRecord.Types.Holder { Label = "l", Secret = "SECRET-IN-GROUP" },
            Entry = { new LegacyRecord.Types.Entry { Text = "e1" }, new LegacyRecord.Types.Entry { Text = "e2" } },
            Note = "internal note",
        };

        var (hidden, hiddenRemoved) = Filters.Run(LegacyRecord.Descriptor, record.ToByteArray());
        var (disclosed, disclosedRemoved) = Filters.Run(LegacyRecord.Descriptor, record.ToByteArray(), "disclose:restricted");

        var expected = record.Clone();
        expected.ClearNote();
        Assert.Equal(expected, LegacyRecord.Parser.ParseFrom(disclosed));
        Assert.Equal(["note"], disclosedRemoved);
        expected.Holder.ClearSecret();
        Assert.Equal(expected, LegacyRecord.Parser.ParseFrom(hidden));
        Assert.Equal(["holder.secret", "note"], hiddenRemoved);
    }

    [Fact]
    public void Filter_MultiSegmentInput_SameAsContiguous()
    {
        var sample = CreditReports.Sample().ToByteArray();
        var filter = Filters.For(AssessResponse.Descriptor);

        var contiguous = Filters.Run(filter, sample);
        var segmented = Filters.Run(filter, Sequences.Split(sample, 1, 50, 51, sample.Length / 2));

        Assert.Equal(contiguous.Bytes, segmented.Bytes);
        Assert.Equal(contiguous.Removed, segmented.Removed);
    }

    private static TreeNode Nest(int depth, TreeNode leaf)
    {
        var node = leaf;
        for (var i = 0; i < depth; i++)
        {
            node = new TreeNode { Label = $"level-{depth - i}", Children = { node } };
        }

        return node;
    }

    private static byte[] WithUnknown(byte[] message, int number, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(message);
        var output = new CodedOutputStream(stream);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteString(text);
        output.Flush();
        return stream.ToArray();
    }
}
