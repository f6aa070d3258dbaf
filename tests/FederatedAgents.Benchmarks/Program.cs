using BenchmarkDotNet.Running;
using FederatedAgents.Benchmarks.Audit;

// `audit-store …` measures appends/s and verify throughput on real stores; anything else goes to BenchmarkDotNet.
if (args is ["audit-store", .. var options])
{
    return await AuditStoreBench.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
