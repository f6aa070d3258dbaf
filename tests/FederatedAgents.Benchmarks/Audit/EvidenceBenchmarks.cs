using BenchmarkDotNet.Attributes;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>
/// What signed evidence costs per call and per checkpoint: issuing a receipt (the gateway does it for every
/// inbound cross-org call), verifying one (for every outbound call), signing and verifying a checkpoint,
/// against the raw ES256 sign of the same receipt bytes (the baseline: the floor of any signed receipt).
/// Run: dotnet run -c Release --project tests/FederatedAgents.Benchmarks -- --filter '*EvidenceBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class EvidenceBenchmarks : IDisposable
{
    private readonly SigningKey _key = SigningKey.Generate();
    private CallCompletedEvent _call = null!;
    private AuditAppendResult _appended = null!;
    private AuditReceiptIssuer _issuer = null!;
    private AuditReceiptVerifier _verifier = null!;
    private NoteSigner _signer = null!;
    private CheckpointVerifier _checkpoints = null!;
    private SignedCheckpoint _checkpoint = null!;
    private string _receipt = null!;
    private byte[] _signingInput = null!;

    [GlobalSetup]
    public void Setup()
    {
        _call = BenchEvents.Call(42) with { Org = "bureau", PartnerOrg = "bank" };
        _appended = new AuditAppendResult(41, new TreeHead(42, MerkleHasher.HashLeaf("root"u8)));
        _issuer = new AuditReceiptIssuer("bureau", "bureau.example/audit", _key, TimeProvider.System);
        _verifier = new AuditReceiptVerifier(new Dictionary<string, JsonWebKeySet> { ["bureau"] = new([_key.PublicKey]) }, TimeProvider.System);
        _receipt = _issuer.Issue(_call, _appended).Token;
        _signingInput = System.Text.Encoding.ASCII.GetBytes(_receipt[.._receipt.LastIndexOf('.')]);
        _signer = new NoteSigner("bureau.example/audit", _key);
        _checkpoints = new CheckpointVerifier("bureau.example/audit", new JsonWebKeySet([_key.PublicKey]));
        _checkpoint = SignCheckpoint();
        if (!VerifyReceipt() || !VerifyCheckpoint())
        {
            throw new InvalidOperationException("The benchmark's receipt or checkpoint does not verify.");
        }
    }

    [Benchmark(Baseline = true, Description = "ES256 sign of the receipt bytes (floor)")]
    public byte[] RawSign() => _key.Sign(_signingInput);

    [Benchmark]
    public AuditReceipt IssueReceipt() => _issuer.Issue(_call, _appended);

    [Benchmark]
    public bool VerifyReceipt() => _verifier.VerifyAsync(_receipt, "bureau", "bank").AsTask().GetAwaiter().GetResult().IsValid;

    [Benchmark]
    public SignedCheckpoint SignCheckpoint()
    {
        var body = new CheckpointBody("bureau.example/audit", _appended.TreeHead);
        return new SignedCheckpoint(body, [_signer.Sign(body.ToNoteText())]);
    }

    [Benchmark]
    public bool VerifyCheckpoint() => _checkpoints.Check(_checkpoint) is null;

    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }
}
