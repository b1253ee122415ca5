#!/usr/bin/env bash
# The engine's one entry point.
#   ./run.sh               simulate the default strategy on the bundled real BTC-USD recording
#   ./run.sh test          build and run every test; prints "N passed, N failed"
#   ./run.sh paper [args]  paper-trade the default strategy against a local v3 sandbox (engine paper)
#   ./run.sh bench [args]  BenchmarkDotNet suites (Release)
#   ./run.sh <engine args> any engine command, e.g. ./run.sh sim --recording FILE --strategy FILE
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

engine_dll=src/Engine.Cli/bin/Release/net10.0/engine.dll

build_engine() {
  dotnet build src/Engine.Cli/Engine.Cli.csproj -c Release --nologo -v quiet "-clp:NoSummary;ErrorsOnly" >&2
}

# A private PostgreSQL cluster on a free loopback port for the PostgreSQL persistence tests (installed with apt
# when missing and we are root); ENGINE_TEST_PG tells the tests where it is. A server you run yourself can be
# used instead by setting ENGINE_TEST_PG to its Npgsql connection string.
start_test_postgres() {
  [ -n "${ENGINE_TEST_PG:-}" ] && return 0
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$pgbin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing PostgreSQL for the persistence tests (apt-get install postgresql)..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1 || true
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  fi
  if [ -z "$pgbin" ]; then
    echo "warning: PostgreSQL is not installed and could not be; the PostgreSQL persistence test will fail" >&2
    return 0
  fi
  local port
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  PG_ROOT=$(mktemp -d)
  chmod 755 "$PG_ROOT"
  local pgdata="$PG_ROOT/pgdata" as=()
  # initdb refuses to run as root: run the server as the postgres user then.
  if [ "$(id -u)" = 0 ]; then
    install -d -o postgres -g postgres -m 700 "$pgdata"
    as=(runuser -u postgres --)
  else
    install -d -m 700 "$pgdata"
  fi
  "${as[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
  "${as[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pgdata -c fsync=off" start >/dev/null
  PG_STOP=("${as[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop)
  trap stop_test_postgres EXIT
  "$pgbin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE engine;" >/dev/null
  export ENGINE_TEST_PG="Host=127.0.0.1;Port=$port;Database=engine;Username=postgres"
}

stop_test_postgres() {
  "${PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"
}

run_tests() {
  local results=.test-results
  rm -rf "$results"
  start_test_postgres
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
  paper)
    # The live pipeline against an in-process v3 sandbox; stops both cleanly (Ctrl+C works too).
    shift
    build_engine
    case " $* " in
      *" --strategy "*) exec dotnet "$engine_dll" paper "$@" ;;
      *) exec dotnet "$engine_dll" paper --strategy hocon/strategies/default.conf "$@" ;;
    esac
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
