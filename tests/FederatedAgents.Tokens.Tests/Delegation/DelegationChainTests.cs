using System.Text.Json.Nodes;
using FederatedAgents.Tokens.Delegation;

namespace FederatedAgents.Tokens.Tests.Delegation;

public sealed class DelegationChainTests
{
    private const string Bank = "https://auth.bank.example";
    private const string Bureau = "https://auth.bureau.example";

    private readonly TestBed _bed = new();

    private static DelegationChain ThreeHops => new DelegationChain(new Principal("alice", Bank))
        .WithActor(new Principal("orchestrator", Bank))
        .WithActor(new Principal("credit", Bureau)) with
    {
        Scopes = ["credit.read", "credit.score"],
        TransactionId = "wf-42",
        Purpose = "loan-application",
    };

    [Fact]
    public void ToString_ThreeHops_RendersEarliestToCurrentOnOneLine()
    {
        Assert.Equal(
            "alice@https://auth.bank.example → orchestrator@https://auth.bank.example → credit@https://auth.bureau.example",
            ThreeHops.ToString());
    }

    [Fact]
    public void ToTree_ThreeHops_IndentsEachActorUnderThePreviousAndListsScopes()
    {
        var expected = string.Join(
            Environment.NewLine,
            "alice@https://auth.bank.example (subject)",
            "└─ orchestrator@https://auth.bank.example",
            "   └─ credit@https://auth.bureau.example (current actor)",
            "scope: credit.read credit.score",
            "txn: wf-42",
            "purpose: loan-application");

        Assert.Equal(expected, ThreeHops.ToTree());
    }

    [Fact]
    public void WithActor_AppendsCurrentActorAndKeepsContext()
    {
        var chain = ThreeHops;

        Assert.Equal(new Principal("credit", Bureau), chain.CurrentActor);
        Assert.Equal(2, chain.Depth);
        Assert.Equal("wf-42", chain.TransactionId);
        Assert.Null(new DelegationChain(new Principal("alice", Bank)).CurrentActor);
    }

    [Fact]
    public async Task ValidateAsync_NestedAct_OutermostIsCurrentAndActorsAreIssuerQualified()
    {
        var claims = _bed.AccessTokenClaims();
        claims["act"] = new JsonObject
        {
            ["sub"] = "credit",
            ["iss"] = Bureau,
            ["act"] = new JsonObject
            {
                ["sub"] = "orchestrator",
                ["act"] = new JsonObject { ["sub"] = "planner", ["iss"] = Bureau },
            },
        };
        claims["may_act"] = new JsonObject { ["sub"] = "auditor" };
        claims["txn"] = "wf-42";
        claims["purpose"] = "loan-application";

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        var chain = result.Token!.Chain!;
        Assert.Equal(
            [new Principal("planner", Bureau), new Principal("orchestrator", TestBed.Issuer), new Principal("credit", Bureau)],
            chain.Actors);
        Assert.Equal(new Principal("alice", TestBed.Issuer), chain.Subject);
        Assert.Equal(new Principal("auditor", TestBed.Issuer), chain.MayAct);
        Assert.Equal(["loans.read", "loans.apply"], chain.Scopes);
        Assert.Equal(("wf-42", "loan-application"), (chain.TransactionId, chain.Purpose));
    }

    [Fact]
    public async Task ValidateAsync_NoAct_SubjectActsItself()
    {
        var result = await _bed.ValidateAsync(_bed.Sign(_bed.AccessTokenClaims()));

        Assert.Equal(0, result.Token!.Chain!.Depth);
        Assert.Equal("alice@https://auth.bank.example", result.Token.Chain.ToString());
    }
}
