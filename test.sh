#!/usr/bin/env bash
# Runs the whole PodLife test suite on a fresh machine with only the .NET SDK:
# installs the packages the tests need, builds, publishes the podlife binary the
# end-to-end tests run, runs every test project, and ends with one line
# `tests: N passed, N failed[, N skipped]`.
set -uo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build PodLife.slnx -nologo -v q -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed"; exit 1
fi
# End-to-end tests start this binary, as a user would (PODLIFE_BIN points at it). Native AOT: machine code compiled
# ahead of time, without a JIT or runtime type loading: start-up takes a third of the CPU of a ReadyToRun build and
# an idle `podlife up` ~40 MB less memory, which `podlife bench startup` measures (docs/performance.md).
if ! dotnet publish src/PodLife.Cli -c Release --use-current-runtime -p:PublishAot=true \
    -o artifacts/podlife -nologo -v q -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed"; exit 1
fi
export PODLIFE_BIN="$PWD/artifacts/podlife/podlife"

log=$(mktemp)
# Exit code 8 means "zero tests ran" in a project that has none yet; that is not a failure.
dotnet test --solution PodLife.slnx --no-build --ignore-exit-code 8 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded); failed=$(count failed); skipped=$(count skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crash or build error counts
rm -f "$log"
line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
