#!/usr/bin/env bash
# Re-runs the test suite with the JIT's SIMD support narrowed step by step, so every kernel path
# (AVX-512, AVX2, Vector128, scalar) is exercised as the widest one, the way TensorPrimitives is
# tested. Prints one pass/fail line per configuration; exits non-zero if any fails.
#
# usage: tools/test-isa-matrix.sh [dotnet test filter]     e.g. FullyQualifiedName~Tests.Kernels
#
# .NET 10 folds AVX-512F into one AVX512 switch: DOTNET_EnableAVX512F=0 alone no longer turns it
# off, so that configuration sets both names.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

filter=${1:-}
configs=(
  "default|"
  "no-avx512|DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0"
  "no-avx2|DOTNET_EnableAVX2=0"
  "no-hwintrinsic|DOTNET_EnableHWIntrinsic=0"
)

dotnet build Vectorized.Autoencoders.sln -c Release 2>&1 | tail -n 3
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "isa-matrix: build failed"; exit 1; }

vecae=src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae.dll
summary=()
failures=0
for config in "${configs[@]}"; do
  name=${config%%|*}
  vars=${config#*|}
  # The path the runtime's settings leave the kernels, as vecae reports it.
  path=$(env $vars dotnet "$vecae" info --json 2>/dev/null | grep -oE '"isa":"[a-z0-9]+"' | cut -d'"' -f4)
  log=$(mktemp)
  args=(test Vectorized.Autoencoders.sln -c Release --no-build)
  [ -n "$filter" ] && args+=(--filter "$filter")
  echo "== $name (${vars:-no overrides}; kernel path ${path:-unknown})"
  env $vars dotnet "${args[@]}" 2>&1 | tee "$log" | grep -E '^(Passed|Failed)!|error|^ +Failed ' || true
  rc=${PIPESTATUS[0]}
  passed=$(grep -oE 'Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' | paste -sd+ - | bc)
  failed=$(grep -oE 'Failed: +[0-9]+' "$log" | grep -oE '[0-9]+' | paste -sd+ - | bc)
  rm -f "$log"
  if [ "$rc" -eq 0 ] && [ "${failed:-0}" -eq 0 ] && [ "${passed:-0}" -gt 0 ]; then
    summary+=("isa-matrix: $name (path ${path:-unknown}): pass (${passed} passed)")
  else
    summary+=("isa-matrix: $name (path ${path:-unknown}): FAIL (${passed:-0} passed, ${failed:-?} failed, exit $rc)")
    failures=$((failures + 1))
  fi
done

printf '%s\n' "${summary[@]}"
[ "$failures" -eq 0 ]
