#!/usr/bin/env bash
# The engine's one entry point.
#   ./run.sh               simulate the default strategy on the bundled real BTC-USD recording
#   ./run.sh test          build and run every test; prints "N passed, N failed"
#   ./run.sh bench [args]  BenchmarkDotNet suites (Release)
#   ./run.sh <engine args> any engine command, e.g. ./run.sh sim --recording FILE --strategy FILE
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

engine_dll=src/Engine.Cli/bin/Release/net10.0/engine.dll

build_engine() {
  dotnet build src/Engine.Cli/Engine.Cli.csproj -c Release --nologo -v quiet "-clp:NoSummary;ErrorsOnly" >&2
}

run_tests() {
  local results=.test-results
  rm -rf "$results"
  dotnet build Engine.sln -c Release --nologo -v quiet -clp:ErrorsOnly
  local status=0
  dotnet test Engine.sln -c Release --no-build --nologo \
    --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true || status=$?
  # dotnet test's own summary is not a line CI reads: total the TRX counters ourselves.
  local passed=0 failed=0 files=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  done
  if [ "$files" -eq 0 ]; then
    echo "no test results were written" >&2
    status=1
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] || status=1
  return "$status"
}

case "${1:-}" in
  "")
    build_engine
    exec dotnet "$engine_dll" sim \
      --recording src/Engine.Cli/samples/btc-usd-2022-05.rec.gz \
      --strategy hocon/strategies/default.conf
    ;;
  test)
    run_tests
    ;;
  bench)
    shift
    exec dotnet run -c Release --project src/Engine.Benchmarks -- "$@"
    ;;
  *)
    build_engine
    exec dotnet "$engine_dll" "$@"
    ;;
esac
