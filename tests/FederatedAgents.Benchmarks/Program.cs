using BenchmarkDotNet.Running;
using FederatedAgents.Benchmarks.Audit;
using FederatedAgents.Benchmarks.Authority;
using FederatedAgents.Benchmarks.Gateway;

// Whole-system measurements by name; anything else goes to BenchmarkDotNet (pick classes with --filter).
// `audit-store …`: appends/s and verify throughput on real stores.
// `authority …`: the authority's token and exchange throughput next to the crypto floors.
// `gateway-bench …`: one process of tests/bench/gateway.sh.
return args switch
{
    ["audit-store", .. var options] => await AuditStoreBench.RunAsync(options),
    ["authority", .. var options] => await AuthorityThroughput.RunAsync(options),
    ["gateway-bench", .. var options] => await GatewayBench.RunAsync(options),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
