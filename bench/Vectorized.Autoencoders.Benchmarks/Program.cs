using BenchmarkDotNet.Running;

// Run all suites, or pick with --filter, e.g. `--filter *Gemm*`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
