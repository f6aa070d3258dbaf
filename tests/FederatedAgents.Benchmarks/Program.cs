using BenchmarkDotNet.Running;
using FederatedAgents.Benchmarks.Authority;

// "authority": the authority's token and exchange throughput next to the crypto floors (see AuthorityThroughput).
// Anything else: every [Benchmark] class in this assembly; pick with --filter.
if (args is ["authority", .. var rest])
{
    return await AuthorityThroughput.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
