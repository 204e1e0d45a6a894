#!/usr/bin/env bash
# Issue 13's acceptance measure: does a second thread ever lose to one? Runs `vecae bench gemm`'s
# whole suite and `vecae bench train` (deep, batch 32 and 256) at --threads 1 and --threads 2,
# interleaved: each round runs both thread counts back to back, in alternating order, so the host's
# spells (a vCPU taken away, the two vCPUs sharing a core) hit both alike. Prints, per shape, the
# median over the rounds of each thread count and their ratio (2 threads over 1: above 1.03 fails).
#   tools/bench-threads.sh [rounds] [vecae]     (default 5 rounds, the Release build of this tree)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
vecae=${2:-}
if [ -z "$vecae" ]; then
  dotnet build src/Vectorized.Autoencoders.Cli -c Release -v quiet -nologo >/dev/null
  vecae="dotnet src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae.dll"
fi
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT

# One line per measure: "<shape> <threads> <value>", value in GFLOP/s (gemm) or s per epoch (train).
gemm() {
  $vecae bench gemm --json --threads "$1" |
    sed -E 's/.*"m":([0-9]+),"n":([0-9]+),"k":([0-9]+),"transA":(true|false),"transB":(true|false).*"gflops":([0-9.]+).*/gemm_\1x\2x\3_\4\5 '"$1"' \6/'
}
train() {
  local s
  s=$($vecae bench train --model deep --batch "$1" --threads "$2" --epochs 3 --json |
    grep '"warmup":false' | sed -E 's/.*"seconds":([0-9.]+).*/\1/' | sort -g | head -n 1)
  echo "train_b$1 $2 $s"
}

for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="1 2"; else order="2 1"; fi
  for t in $order; do gemm "$t" >>"$raw/all"; done
  for b in 32 256; do for t in $order; do train "$b" "$t" >>"$raw/all"; done; done
  echo "bench-threads: round $r of $rounds done" >&2
done

# Medians per (shape, threads); for gemm a loss is a lower rate, for train a longer epoch.
echo "| shape | 1 thread (median) | 2 threads (median) | 2 threads lose by |"
echo "|---|---|---|---|"
awk '{ v[$1 " " $2] = v[$1 " " $2] " " $3; shapes[$1] = 1 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    for (s in shapes) {
      one = median(v[s " 1"]); two = median(v[s " 2"])
      loss = (s ~ /^gemm/) ? one / two - 1 : two / one - 1
      printf "| %s | %s | %s | %+.1f%% |\n", s, one, two, 100 * loss
    }
  }' "$raw/all" | sort
