#!/usr/bin/env bash
# Short fuzzing of every fuzz target: scripts/fuzz.sh FUZZTIME MINIMIZETIME.
# A real finding always writes its input under testdata/fuzz and fails.
# Go 1.26's coordinator can also fail a target with a bare "context
# deadline exceeded" when -fuzztime ends while a worker is mid-run
# (go.dev/issue/75804, fixed in Go 1.27): that target is run once more,
# and fails only if it fails again.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FUZZTIME=${1:-10s}
MINIMIZE=${2:-1s}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

fuzz_once() { # pkg target: the run's output is in $out
  "$GO" test -run '^$' -fuzz "^$2\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE" "$1" 2>&1 | tee "$out"
  return "${PIPESTATUS[0]}"
}

for pkg in $("$GO" list ./...); do
  for t in $("$GO" test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "fuzz $pkg $t"
    fuzz_once "$pkg" "$t" && continue
    if grep -q 'Failing input written' "$out" || ! grep -q 'context deadline exceeded' "$out"; then
      exit 1
    fi
    echo "fuzz: $t stopped on Go's -fuzztime race (go.dev/issue/75804), not on an input: once more"
    fuzz_once "$pkg" "$t"
  done
done
