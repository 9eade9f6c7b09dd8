using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CodeUpdates.Benchmarks.DiffBenchmarks).Assembly).Run(args);
