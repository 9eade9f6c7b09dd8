using BenchmarkDotNet.Running;

if (args is ["cms-fields"])
{
    CodeUpdates.Benchmarks.CmsFieldsFootprint.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CodeUpdates.Benchmarks.DiffBenchmarks).Assembly).Run(args);
