using BenchmarkDotNet.Running;

// Every [Benchmark] class in this assembly; pick with --filter.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
