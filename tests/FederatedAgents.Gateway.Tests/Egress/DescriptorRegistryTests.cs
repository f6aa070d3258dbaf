using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Grpc;
using FederatedAgents.Testing;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Tests.Egress;

public class DescriptorRegistryTests
{
    private const string AssessPath = "/federatedagents.agents.credit.v1.CreditAssessment/Assess";

    /// <summary>Written by protoc at build (FederatedAgents.Agents.Contracts.csproj) and copied next to the tests.</summary>
    private static readonly string s_protoset = Path.Combine(AppContext.BaseDirectory, "federatedagents-agents.protoset");

    [Fact]
    public void TryFindMethod_DescriptorSetFromProtoc_ResolvesInputAndOutputTypes()
    {
        var registry = new DescriptorRegistry(DescriptorRegistry.LoadDescriptorSet(s_protoset));

        Assert.True(registry.TryFindMethod(AssessPath, out var assess));
        Assert.Equal(AssessRequest.Descriptor.FullName, assess.InputType.FullName);
        Assert.Equal(AssessResponse.Descriptor.FullName, assess.OutputType.FullName);
        Assert.True(registry.TryFindMethod("/federatedagents.agents.loan.v1.LoanDesk/CheckLoan", out var checkLoan));
        Assert.Equal(CheckLoanResponse.Descriptor.FullName, checkLoan.OutputType.FullName);
    }

    [Fact]
    public void For_DescriptorSetTypes_FilterExactlyLikeCompiledTypes()
    {
        var fromFile = new EgressFilter(new DescriptorRegistry(DescriptorRegistry.LoadDescriptorSet(s_protoset)));
        var compiled = new EgressFilter(new DescriptorRegistry([CreditAssessmentReflection.Descriptor]));
        var sample = CreditReports.Sample().ToByteArray();
        var visible = Disclosure.VisibleTo(["disclose:pii"]);

        var viaFile = Filters.Run(fromFile.For(AssessPath, MessageDirection.Response, visible), sample);
        var viaCompiled = Filters.Run(compiled.For(AssessPath, MessageDirection.Response, visible), sample);

        Assert.NotEqual(sample, viaFile.Bytes);
        Assert.Equal(viaCompiled.Bytes, viaFile.Bytes);
        Assert.Equal(viaCompiled.Removed, viaFile.Removed);
    }

    [Fact]
    public void For_RequestDirection_UsesTheInputType()
    {
        var egress = new EgressFilter(new DescriptorRegistry([LoanDeskReflection.Descriptor]));

        var request = egress.For("/federatedagents.agents.loan.v1.LoanDesk/CheckLoan", MessageDirection.Request, ClassificationSet.None);
        var response = egress.For("/federatedagents.agents.loan.v1.LoanDesk/CheckLoan", MessageDirection.Response, ClassificationSet.None);

        Assert.True(request.PassesThrough);
        Assert.False(response.PassesThrough);
    }

    [Theory]
    [InlineData("/federatedagents.agents.credit.v1.CreditAssessment/assess")]
    [InlineData("federatedagents.agents.credit.v1.CreditAssessment/Assess")]
    [InlineData("/federatedagents.agents.credit.v1.CreditAssessment/Assess/")]
    [InlineData("/CreditAssessment/Assess")]
    [InlineData("/other.v1.Service/Method")]
    [InlineData("")]
    public void TryFindMethod_UnknownPath_False(string path)
    {
        var registry = new DescriptorRegistry([CreditAssessmentReflection.Descriptor]);

        Assert.False(registry.TryFindMethod(path, out _));
    }

    [Fact]
    public void For_MethodWithoutDescriptor_FailsClosedWithUnimplemented()
    {
        var egress = new EgressFilter(new DescriptorRegistry([LoanDeskReflection.Descriptor]));

        var ex = Assert.Throws<RpcException>(() => egress.For(AssessPath, MessageDirection.Response, ClassificationSet.None));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains(AssessPath, ex.Status.Detail);
        Assert.Contains("Load the service's descriptors", ex.Status.Detail);
    }

    [Fact]
    public void Constructor_ServiceFromTwoSources_ThrowsNamingIt()
    {
        var files = DescriptorRegistry.LoadDescriptorSet(s_protoset).Append(CreditAssessmentReflection.Descriptor);

        var ex = Assert.Throws<InvalidOperationException>(() => new DescriptorRegistry(files));

        Assert.Contains("federatedagents.agents.credit.v1.CreditAssessment is defined twice", ex.Message);
    }

    [Fact]
    public void Constructor_SameFileTwice_Accepted()
    {
        var registry = new DescriptorRegistry([CreditAssessmentReflection.Descriptor, CreditAssessmentReflection.Descriptor]);

        Assert.True(registry.TryFindMethod(AssessPath, out _));
    }

    [Fact]
    public void LoadDescriptorSet_ImportsMissing_ThrowsExplainingIncludeImports()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("partial.protoset");
        var set = new FileDescriptorSet { File = { FileDescriptorProto.Parser.ParseFrom(CreditAssessmentReflection.Descriptor.SerializedData) } };
        File.WriteAllBytes(path, set.ToByteArray());

        var ex = Assert.Throws<InvalidOperationException>(() => DescriptorRegistry.LoadDescriptorSet(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("--include_imports", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0xFF }, "is not a protobuf FileDescriptorSet")]
    [InlineData(new byte[0], "holds no files")]
    public void LoadDescriptorSet_NotADescriptorSet_ThrowsNamingTheFile(byte[] content, string problem)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("wrong.protoset");
        File.WriteAllBytes(path, content);

        var ex = Assert.Throws<InvalidOperationException>(() => DescriptorRegistry.LoadDescriptorSet(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void LoadDescriptorSet_MissingFile_ThrowsNamingIt()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such.protoset");

        var ex = Assert.Throws<InvalidOperationException>(() => DescriptorRegistry.LoadDescriptorSet(path));

        Assert.Contains($"Cannot read the descriptor set {path}", ex.Message);
    }
}
