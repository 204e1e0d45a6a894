#!/usr/bin/env bash
# Seconds per epoch of the variational and convolutional autoencoders and the dense denoiser: vecae
# beside its PyTorch peer (shared/peers/pytorch_vae.py, pytorch_convae.py, pytorch_ae.py), in the
# same run on the same machine. The denoisers' peers draw their noise once, before the first epoch;
# vecae draws it again each epoch, and its time is in vecae's figure.
# Rounds alternate ours and the peer so that load from other processes hits both alike. Ours is
# `vecae bench train` (best epoch after the first, --threads auto); the peer's is its best epoch
# after the first, at 2 threads (issue 11's anchors). Prints one markdown row per model.
# Usage: tools/bench-peers.sh [ROUNDS] [MODELS] [MNIST_DIR] [PEERS_DIR]    (default: 2 "vae conv")
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
models=${2:-"vae conv"}
data=${3:-data/mnist}
peers=${4:-../shared/peers}
[ -d "$peers" ] || peers=/work/shared/peers
dotnet build src/Vectorized.Autoencoders.Cli -c Release -v q -nologo >/dev/null
vecae=src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae

ours() { # model -> best seconds of epochs 2..3
  "$vecae" bench train --model "$1" --epochs 3 --data "$data" --json |
    grep '"warmup":false' | sed -E 's/.*"seconds":([0-9.]+).*/\1/' | sort -g | head -n 1
}
peer() { # model -> best seconds of epochs 2..3
  local script=pytorch_vae.py args=()
  case "$1" in
    conv) script=pytorch_convae.py ;;
    conv-denoising) script=pytorch_convae.py args=(--arch denoise --noise 0.4) ;;
    denoising) script=pytorch_ae.py args=(--arch deep --init keras --noise 0.4) ;;
  esac
  /usr/bin/python3 "$peers/$script" "$data" --epochs 3 --threads 2 "${args[@]}" |
    tail -n 2 | sed -E 's/.*seconds ([0-9.]+).*/\1/' | sort -g | head -n 1
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)"
echo
echo "| model | vecae s/epoch (rounds) | PyTorch s/epoch (rounds) | ratio of medians |"
echo "|---|---|---|---|"
for model in $models; do
  a=(); b=()
  for _ in $(seq "$rounds"); do a+=("$(ours "$model")"); b+=("$(peer "$model")"); done
  am=$(median "${a[@]}"); bm=$(median "${b[@]}")
  printf '| %s | %s (%s) | %s (%s) | %.2f |\n' "$model" "$am" "${a[*]}" "$bm" "${b[*]}" "$(awk "BEGIN{print $am/$bm}")"
done
