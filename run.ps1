# The engine's one entry point (PowerShell). Same commands as run.sh:
#   ./run.ps1               simulate the default strategy on the bundled real BTC-USD recording
#   ./run.ps1 test          build and run every test; prints "N passed, N failed"
#   ./run.ps1 paper [args]  paper-trade against a local v3 sandbox
#   ./run.ps1 bench [args]  BenchmarkDotNet suites
#   ./run.ps1 <engine args> any engine command
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
$engineDll = 'src/Engine.Cli/bin/Release/net10.0/engine.dll'

function Build-Engine { dotnet build src/Engine.Cli/Engine.Cli.csproj -c Release --nologo -v quiet -clp:ErrorsOnly; if ($LASTEXITCODE) { exit $LASTEXITCODE } }

switch ($args.Count -gt 0 ? $args[0] : '') {
  '' {
    Build-Engine
    dotnet $engineDll sim --recording src/Engine.Cli/samples/btc-usd-2022-05.rec.gz --strategy hocon/strategies/default.conf
    exit $LASTEXITCODE
  }
  'test' {
    # On Linux and macOS run.sh also starts the private PostgreSQL server the persistence tests use.
    if (-not $IsWindows -and -not $env:ENGINE_TEST_PG -and (Get-Command bash -ErrorAction SilentlyContinue)) {
      bash ./run.sh test
      exit $LASTEXITCODE
    }
    if (-not $env:ENGINE_TEST_PG) { Write-Warning 'ENGINE_TEST_PG is not set: the PostgreSQL persistence test will fail (set it to a server''s connection string)' }
    $results = '.test-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    dotnet build Engine.sln -c Release --nologo -v quiet -clp:ErrorsOnly; if ($LASTEXITCODE) { exit $LASTEXITCODE }
    dotnet test Engine.sln -c Release --no-build --nologo --logger trx --results-directory $results
    $status = $LASTEXITCODE
    $passed = 0; $failed = 0
    foreach ($trx in Get-ChildItem "$results/*.trx") {
      $c = ([xml](Get-Content $trx)).TestRun.ResultSummary.Counters
      $passed += [int]$c.passed; $failed += [int]$c.failed
    }
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0 -or $status -ne 0) { exit 1 }
  }
  'paper' {
    Build-Engine
    $rest = @($args | Select-Object -Skip 1)
    if ($rest -notcontains '--strategy') { $rest = @('--strategy', 'hocon/strategies/default.conf') + $rest }
    dotnet $engineDll paper @rest
    exit $LASTEXITCODE
  }
  'bench' {
    dotnet run -c Release --project src/Engine.Benchmarks -- @($args | Select-Object -Skip 1)
    exit $LASTEXITCODE
  }
  default {
    Build-Engine
    dotnet $engineDll @args
    exit $LASTEXITCODE
  }
}
