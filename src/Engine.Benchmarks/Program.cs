using BenchmarkDotNet.Running;

// ./run.sh bench                      → pick suites interactively
// ./run.sh bench --filter '*Book*'    → book update cost
// ./run.sh bench --filter '*Frame*'   → frame parsing
// ./run.sh bench --filter '*Replay*'  → end-to-end pipeline throughput
BenchmarkSwitcher.FromAssembly(typeof(Engine.Benchmarks.BookBenchmarks).Assembly).Run(args);
