using BenchmarkDotNet.Running;
using FederatedAgents.Benchmarks.Audit;
using FederatedAgents.Benchmarks.Gateway;

// `audit-store …` measures appends/s and verify throughput on real stores; `gateway-bench …` runs one process of
// tests/bench/gateway.sh; anything else goes to BenchmarkDotNet.
if (args is ["audit-store", .. var options])
{
    return await AuditStoreBench.RunAsync(options);
}

if (args is ["gateway-bench", .. var gatewayOptions])
{
    return await GatewayBench.RunAsync(gatewayOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
