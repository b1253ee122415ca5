using BenchmarkDotNet.Running;

// ./run.sh bench                      → pick suites interactively
// ./run.sh bench --filter '*Book*'    → book update cost
// ./run.sh bench --filter '*Frame*'   → frame parsing
// ./run.sh bench --filter '*Replay*'  → end-to-end pipeline throughput
// ./run.sh bench --filter '*WebSocketFeed*'  → sandbox → WebSocket → client → book, frames per second
// ./run.sh bench --filter '*OrderRoundTrip*' → order round trip engine → sandbox → ack
// ./run.sh bench --filter '*Stark*'   → STARK hashing and signing
BenchmarkSwitcher.FromAssembly(typeof(Engine.Benchmarks.BookBenchmarks).Assembly).Run(args);
