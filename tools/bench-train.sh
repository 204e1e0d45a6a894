#!/usr/bin/env bash
# Seconds per training epoch of the article's deep autoencoder: this engine (vecae train) beside
# PyTorch CPU (shared/peers/pytorch_ae.py), in the same run on the same machine, at batch 32 and 256,
# 2 threads (and ours on 1 thread). Prints a markdown table; speed claims are the ratios in it.
# Usage: tools/bench-train.sh [MNIST_DIR] [PEERS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data/mnist}
peers=${2:-../shared/peers}
[ -d "$peers" ] || peers=/work/shared/peers
dotnet build src/Vectorized.Autoencoders.Cli -c Release -v q -nologo >/dev/null
vecae=src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

ours() { # batch threads -> seconds of epoch 1
  "$vecae" train --model deep --epochs 1 --batch "$1" --threads "$2" --data "$data" --out "$out" --json --quiet |
    sed -E 's/.*"seconds":([0-9.eE+-]+).*/\1/'
}
torch() { # batch threads -> seconds of epoch 1
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$peers/pytorch_ae.py" "$data" --threads "$2" --batch "$1" --epochs 1 --arch deep --init keras |
    sed -E 's/.*seconds ([0-9.]+).*/\1/'
}

echo "| batch | threads | vecae s/epoch | PyTorch s/epoch | vecae / PyTorch |"
echo "|---|---|---|---|---|"
for batch in 32 256; do
  t=$(torch "$batch" 2)
  o2=$(ours "$batch" 2)
  o1=$(ours "$batch" 1)
  printf '| %s | 2 | %.2f | %.2f | %.2f |\n' "$batch" "$o2" "$t" "$(echo "$o2 / $t" | bc -l)"
  printf '| %s | 1 | %.2f | (2 threads) %.2f | %.2f |\n' "$batch" "$o1" "$t" "$(echo "$o1 / $t" | bc -l)"
done
