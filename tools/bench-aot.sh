#!/usr/bin/env bash
# Measures the NativeAOT build against the JIT build on the same SIMD path and writes
# bench/results/aot-<date>.md: executable size, start-up time of `vecae info` (hyperfine),
# training throughput (deep model, the 2nd of 2 epochs on MNIST, batch 32, so JIT warm-up is excluded), peak RSS of training and of
# inference alone (/usr/bin/time -v).
#
#   tools/bench-aot.sh [MNIST_DIR] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data/mnist}
threads=${2:-2}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

if grep -q avx512f /proc/cpuinfo; then isa=x86-64-v4; else isa=x86-64-v3; fi
aot=$(tools/publish-aot.sh artifacts/aot/linux-x64 linux-x64 "$isa" 2>/dev/null)
dotnet build src/Vectorized.Autoencoders.Cli -c Release -v quiet -nologo >/dev/null
jit="dotnet src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae.dll"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

size=$(stat -c %s "$aot")
hyperfine -N --warmup 5 --runs 50 --export-json "$work/start.json" "$aot info" "$jit info" >/dev/null 2>&1
start_aot=$(python3 -c "import json;r=json.load(open('$work/start.json'))['results'];print(f\"{r[0]['mean']*1000:.1f}\")")
start_jit=$(python3 -c "import json;r=json.load(open('$work/start.json'))['results'];print(f\"{r[1]['mean']*1000:.1f}\")")

epoch_seconds() { # epoch_seconds CMD...: seconds of a 1-epoch deep training run, and its peak RSS in MB
  /usr/bin/time -v "$@" train --model deep --epochs 2 --seed 1 --threads "$threads" --data "$data" --out "$work/out" --quiet --json \
    >"$work/train.json" 2>"$work/time.txt"
  python3 -c "import json;print(json.loads(open('$work/train.json').read().splitlines()[-1])['seconds'])"
  awk -F: '/Maximum resident/ { printf "%.0f\n", $2 / 1024 }' "$work/time.txt"
}
# Throughput: 5 runs of each, interleaved, so a slow spell of this shared machine hits both alike;
# the ratio is taken on the best and on the median run of each.
aot_runs=(); jit_runs=()
for round in 1 2 3 4 5; do
  read -r -d '' s rss < <(epoch_seconds "$aot"; printf '\0') || true
  aot_runs+=("$s"); [ "$round" = 1 ] && aot_rss=$rss
  read -r -d '' s rss < <(epoch_seconds $jit; printf '\0') || true
  jit_runs+=("$s"); [ "$round" = 1 ] && jit_rss=$rss
done
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
median() { printf '%s\n' "$@" | sort -g | sed -n 3p; }
aot_best=$(best "${aot_runs[@]}"); jit_best=$(best "${jit_runs[@]}")
aot_median=$(median "${aot_runs[@]}"); jit_median=$(median "${jit_runs[@]}")
ratio() { awk "BEGIN { printf \"%.3f\", $1 / $2 }"; }

/usr/bin/time -v "$aot" eval --model "$work/out/model.safetensors" --data "$data" --threads "$threads" --json >/dev/null 2>"$work/eval.txt"
eval_rss=$(awk -F: '/Maximum resident/ { printf "%.0f\n", $2 / 1024 }' "$work/eval.txt")

# The smallest container-style memory caps (cgroup limit, tools/memory-cap.sh) under which the AOT
# build still trains the deep model for an epoch on all of MNIST and evaluates it.
cap_line="not measured (no writable cgroup memory controller)"
if tools/memory-cap.sh 512 true 2>/dev/null; then
  cap_line=""
  for cap in 128 96 80 64; do
    if tools/memory-cap.sh "$cap" "$aot" train --model deep --epochs 1 --seed 1 --threads "$threads" --data "$data" --out "$work/cap$cap" --quiet --json >/dev/null 2>&1 &&
       tools/memory-cap.sh "$cap" "$aot" eval --model "$work/cap$cap/model.safetensors" --data "$data" --json >/dev/null 2>&1; then
      cap_line+="$cap MB: trains and evaluates; "
    else
      cap_line+="$cap MB: fails (one-line out-of-memory error, exit 1); "
    fi
  done
fi

out=bench/results/aot-$(date -u +%Y-%m-%d).md
{
  echo "# NativeAOT vs JIT"
  echo
  echo "- machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- command: \`tools/bench-aot.sh $data $threads\`; AOT instruction set $isa; $("$aot" info | grep 'kernel path' | sed 's/ *(.*//')"
  echo
  echo "| figure | NativeAOT | JIT | goal |"
  echo "|---|---|---|---|"
  echo "| executable size | $(awk "BEGIN{printf \"%.2f MB\", $size/1048576}") | (needs the .NET runtime) | < 6 MB |"
  echo "| start-up, \`vecae info\` (hyperfine mean) | $start_aot ms | $start_jit ms | < 30 ms |"
  echo "| deep model, steady-state epoch (2nd of 2), batch 32, $threads threads: best / median of 5 | $aot_best / $aot_median s | $jit_best / $jit_median s | AOT within 5% of JIT: ratio $(ratio "$aot_best" "$jit_best") / $(ratio "$aot_median" "$jit_median") |"
  echo "| peak RSS, training deep on all of MNIST | $aot_rss MB | $jit_rss MB | < 128 MB |"
  echo "| peak RSS, inference alone (\`vecae eval\`) | $eval_rss MB | | |"
  echo "| under a memory cap (cgroup, as \`docker --memory\`), AOT | ${cap_line% } | | works under 128 MB |"
  echo
  echo "Every run (s), AOT: ${aot_runs[*]}; JIT: ${jit_runs[*]}"
} | tee "$out"
