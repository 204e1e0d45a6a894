#!/usr/bin/env bash
# Measures our SGEMM and its peers side by side in one run, and writes
# bench/results/gemm-<date>.md: machine, date, commands, and the ratio table.
#   tools/bench-gemm.sh [rounds]      (default 3 rounds; each figure is the best over the rounds)
# Peers: OpenBLAS through numpy (its AVX-512 kernels: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
# unset) and the one-core FMA peak. Rounds alternate peer and ours, so load from other
# processes on a shared machine hits both alike.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-3}
peers=${PEERS_DIR:-../shared/peers}
[ -d "$peers" ] || peers=/work/shared/peers
stamp=$(date -u +%Y-%m-%d-%H%M)
out=bench/results/gemm-$stamp.md
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT

dotnet build src/Vectorized.Autoencoders.Cli -c Release -v quiet -nologo >/dev/null
vecae=(dotnet src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae.dll)

fma_cmd="gcc -O2 -mavx512f -mfma -DW512 $peers/fma_peak.c -o $raw/fma && $raw/fma"
numpy_cmd() { echo "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=$1 /usr/bin/python3 $peers/sgemm_numpy.py"; }
ours_cmd() { echo "${vecae[*]} bench gemm --json --threads $1"; }

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  bash -c "$fma_cmd" >>"$raw/fma.txt" 2>&1 || true
  for t in 1 2; do
    bash -c "$(numpy_cmd "$t")" >>"$raw/numpy-$t.txt"
    bash -c "$(ours_cmd "$t")" >>"$raw/ours-$t.jsonl"
  done
done

model=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
flags=$(grep -o -w -E 'avx512f|avx2|fma' /proc/cpuinfo | sort -u | paste -sd, -)
{
  echo "# SGEMM: Vectorized.Autoencoders vs OpenBLAS ($stamp UTC)"
  echo
  echo "- machine: $model, $(nproc) cores ($flags); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- rounds: $rounds, alternating peer and ours; each figure is the best GFLOP/s over the rounds"
  echo "- ours: \`$(ours_cmd 1)\` and \`--threads 2\`"
  echo "- OpenBLAS: \`$(numpy_cmd 1)\` and \`OPENBLAS_NUM_THREADS=2\`"
  echo "- FMA peak: \`$fma_cmd\`"
  echo
  python3 - "$raw" <<'PY'
import json, re, sys, glob, os
raw = sys.argv[1]
def best(d, key, v):
    d[key] = max(d.get(key, 0.0), v)
peak = {}
for line in open(os.path.join(raw, "fma.txt")):
    m = re.search(r"([0-9.]+)\s*GFLOP", line)
    if m: best(peak, "fma", float(m.group(1)))
blas, ours, kernel = {}, {}, "?"
for t in (1, 2):
    for line in open(os.path.join(raw, f"numpy-{t}.txt")):
        m = re.match(r"sgemm (\d+)x(\d+)x(\d+):\s*([0-9.]+)", line)
        if m: best(blas, (int(m.group(1)), int(m.group(2)), int(m.group(3)), False, False, t), float(m.group(4)))
    for line in open(os.path.join(raw, f"ours-{t}.jsonl")):
        j = json.loads(line); kernel = j["kernel"]
        best(ours, (j["m"], j["k"], j["n"], j["transA"], j["transB"], j["threads"]), j["gflops"])
if peak: print(f"One-core FMA peak (best of rounds): {peak['fma']:.1f} GFLOP/s. Our kernel: `{kernel}`.\n")
print("| m x k x n | op | threads | ours GFLOP/s | OpenBLAS GFLOP/s | ratio | % of FMA peak (1 thread) |")
print("|---|---|---|---|---|---|---|")
for key in sorted(ours, key=lambda k: (k[5], k[3] or k[4], -k[0]*k[1]*k[2])):
    m, k, n, ta, tb, t = key
    op = ("T" if ta else "N") + ("T" if tb else "N")
    b = blas.get(key)
    ratio = f"{ours[key] / b:.2f}" if b else "-"
    pk = f"{100 * ours[key] / peak['fma']:.0f}%" if peak and t == 1 else ""
    print(f"| {m}x{k}x{n} | {op} | {t} | {ours[key]:.1f} | {b if b else '-'} | {ratio} | {pk} |")
print()
print("OpenBLAS shapes we do not run (numpy's list):")
for key in sorted(blas):
    if key not in ours: print(f"- {key[0]}x{key[1]}x{key[2]}, {key[5]} thread(s): {blas[key]:.1f} GFLOP/s")
PY
} >"$out"
cat "$out"
echo "wrote $out" >&2
