#!/usr/bin/env bash
# NativeAOT smoke test: publishes `vecae` and the embedding sample as NativeAOT executables, trains
# the deep, variational and both convolutional models one epoch on a slice of MNIST with the AOT and
# the JIT builds, then saves, evaluates and encodes with each, and checks the results are equal bit
# for bit (same SIMD path: both pick the widest).
#
#   tools/aot-smoke.sh [MNIST_DIR]     (default data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."

data=${1:-data/mnist}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# x86-64-v4 turns on AVX-512; a CPU without it gets the portable AVX2 build.
if grep -q avx512f /proc/cpuinfo; then isa=x86-64-v4; else isa=x86-64-v3; fi
aot=$(tools/publish-aot.sh artifacts/aot/linux-x64 linux-x64 "$isa")
dotnet build src/Vectorized.Autoencoders.Cli -c Release -v quiet -nologo >/dev/null
jit=(dotnet src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae.dll)

python3 tools/mnist-slice.py "$data" "$work/mnist" 2000 500

models=(deep vae conv conv-denoising)
run() { # run NAME CMD...: train, eval, encode each model into $work/NAME-MODEL
  local name=$1; shift
  for model in "${models[@]}"; do
    local out="$work/$name-$model"
    "$@" train --model "$model" --epochs 1 --seed 1 --threads 2 --data "$work/mnist" --out "$out" --quiet --json >"$out.train.json"
    "$@" eval --model "$out/model.safetensors" --data "$work/mnist" --json >"$out.eval.json"
    "$@" encode --model "$out/model.safetensors" --data "$work/mnist" --out "$out/codes.idx" >/dev/null
  done
}

echo "aot-smoke: $("$aot" info | grep 'kernel path')"
run aot "$aot"
run jit "${jit[@]}"

status=0
for model in "${models[@]}"; do
  for f in model.safetensors codes.idx; do
    if cmp -s "$work/aot-$model/$f" "$work/jit-$model/$f"; then echo "aot-smoke: $model $f identical (AOT vs JIT)"; else echo "aot-smoke: $model $f DIFFERS between AOT and JIT" >&2; status=1; fi
  done
  if diff -q "$work/aot-$model.eval.json" "$work/jit-$model.eval.json" >/dev/null; then
    echo "aot-smoke: $model eval identical: $(cat "$work/aot-$model.eval.json")"
  else
    echo "aot-smoke: $model eval differs: AOT $(cat "$work/aot-$model.eval.json") JIT $(cat "$work/jit-$model.eval.json")" >&2; status=1
  fi
done

# The inference benchmark runs in the AOT binary, and its calls allocate nothing there either.
if "$aot" bench infer --model conv --part encoder --batch 1 --json | grep -q '"bytes_per_call":0}'; then
  echo "aot-smoke: bench infer runs in the AOT build, 0 bytes per call"
else
  echo "aot-smoke: bench infer failed or allocated in the AOT build" >&2; status=1
fi

# Constrained apps: the AOT build trains the deep model on all of MNIST and evaluates it under a
# container-style memory cap (a cgroup limit, as docker --memory sets). Where this machine offers no
# cgroup memory controller (exit 3: not root, or none mounted), say so rather than pass silently.
cap_mb=96
cap_status=0
tools/memory-cap.sh "$cap_mb" "$aot" train --model deep --epochs 1 --seed 1 --threads 2 --data "$data" --out "$work/capped" --quiet --json >/dev/null || cap_status=$?
if [ "$cap_status" = 3 ]; then
  echo "aot-smoke: memory cap NOT checked: no writable cgroup memory controller here"
elif [ "$cap_status" != 0 ]; then
  echo "aot-smoke: training under a $cap_mb MB memory cap failed (exit $cap_status)" >&2; status=1
elif tools/memory-cap.sh "$cap_mb" "$aot" eval --model "$work/capped/model.safetensors" --data "$data" --json >/dev/null; then
  echo "aot-smoke: deep model trained (1 epoch, all of MNIST) and evaluated under a $cap_mb MB memory cap"
else
  echo "aot-smoke: evaluation under a $cap_mb MB memory cap failed" >&2; status=1
fi

# The embedding sample as a NativeAOT app of its own.
dotnet publish src/Samples/Embedding -c Release -r linux-x64 -o "$work/sample" -p:IlcInstructionSet=$isa -v quiet -nologo >/dev/null
"$work/sample/Embedding" || { echo "aot-smoke: embedding sample failed" >&2; status=1; }
exit $status
