#!/usr/bin/env bash
# Trains each model one short epoch as a linux-arm64 build under qemu (NEON through AdvSimd) and as
# the x86 build on its Vector128 path (VECAE_ISA=v128), and compares the weights: the two must be the
# same bits, and so must the test losses in the history. Prints one line per model; exits 1 when any differ.
#
#   tools/check-arm64.sh [MODELS] [LIMIT] [DATA]
#
#   MODELS  default "deep shallow sparse vae conv conv-denoising"
#   LIMIT   images of each set, default 512 (under qemu a 512-image epoch of the conv denoiser takes
#           about half a minute, about 50x slower than native)
#   DATA    MNIST folder, default data/mnist (tools/fetch-mnist.sh)
#
# Installs, when missing (Debian): qemu-user-static and the arm64 libc6, libstdc++6, libgcc-s1 and
# zlib1g the self-contained .NET runtime loads.
set -euo pipefail
cd "$(dirname "$0")/.."

models=${1:-"deep shallow sparse vae conv conv-denoising"}
limit=${2:-512}
data=${3:-data/mnist}
work=${TMPDIR:-/tmp}/vecae-arm64-check
[ -f "$data/train-images-idx3-ubyte" ] || { echo "check-arm64: no MNIST in $data (run tools/fetch-mnist.sh)" >&2; exit 2; }

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
if ! command -v qemu-aarch64-static >/dev/null; then
  echo "check-arm64: installing qemu-user-static" >&2
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq qemu-user-static >/dev/null
fi
if [ ! -e /usr/lib/aarch64-linux-gnu/libstdc++.so.6 ]; then
  echo "check-arm64: installing the arm64 C and C++ runtimes" >&2
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 zlib1g:arm64 >/dev/null
fi

rm -rf "$work" && mkdir -p "$work"
echo "check-arm64: publishing linux-arm64 and linux-x64" >&2
dotnet publish src/Vectorized.Autoencoders.Cli -c Release -r linux-arm64 --self-contained -o "$work/arm64" >/dev/null
dotnet publish src/Vectorized.Autoencoders.Cli -c Release -o "$work/x64" >/dev/null
echo "check-arm64: $(qemu-aarch64-static "$work/arm64/vecae" info | grep -i 'kernel path' || true)" >&2

different=0
for model in $models; do
  args=(train --model "$model" --epochs 1 --limit "$limit" --threads 2 --data "$data" --quiet)
  start=$(date +%s)
  qemu-aarch64-static "$work/arm64/vecae" "${args[@]}" --out "$work/$model-arm64" >/dev/null
  seconds=$(($(date +%s) - start))
  VECAE_ISA=v128 "$work/x64/vecae" "${args[@]}" --out "$work/$model-x64" >/dev/null
  # The history's losses (all but the seconds) come from the inference path, which keeps no
  # argmax and pools by plain maxes: compared too.
  losses() { sed 's/"seconds":[0-9.eE+-]*//g' "$1/history.json"; }
  if ! cmp -s "$work/$model-arm64/model.safetensors" "$work/$model-x64/model.safetensors"; then
    echo "$model: DIFFERENT weights, arm64 against x86 v128 ($work/$model-arm64, $work/$model-x64)"
    different=1
  elif [ "$(losses "$work/$model-arm64")" != "$(losses "$work/$model-x64")" ]; then
    echo "$model: DIFFERENT test losses, arm64 against x86 v128 ($work/$model-arm64/history.json, $work/$model-x64/history.json)"
    different=1
  else
    echo "$model: same bits, weights and losses (arm64 under qemu ${seconds} s)"
  fi
done
exit $different
