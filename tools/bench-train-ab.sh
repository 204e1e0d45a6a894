#!/usr/bin/env bash
# Same-run A/B of `vecae bench train` between two builds (a baseline commit and this tree): rounds
# alternate the two executables for each shape, so load from other processes hits both alike.
# Prints one markdown row per (batch, threads): best and median of the per-round best epochs.
# Usage: [MODEL=deep] [BATCHES="32 256"] tools/bench-train-ab.sh BASE_VECAE NEW_VECAE [ROUNDS] [MNIST_DIR]
set -euo pipefail
base=$1; new=$2; rounds=${3:-5}; data=${4:-data/mnist}
model=${MODEL:-deep}; batches=${BATCHES:-"32 256"}
one() { "$1" bench train --model "$model" --batch "$2" --threads "$3" --epochs 3 --data "$data" --json |
  grep '"warmup":false' | sed -E 's/.*"seconds":([0-9.]+).*/\1/' | sort -g | head -n 1; }
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "$model:"
echo
echo "| batch | threads | base s (best / median) | new s (best / median) | new / base (best / median) |"
echo "|---|---|---|---|---|"
for batch in $batches; do
  for threads in 1 2; do
    a=(); b=()
    for _ in $(seq "$rounds"); do a+=("$(one "$base" "$batch" "$threads")"); b+=("$(one "$new" "$batch" "$threads")"); done
    ab=$(best "${a[@]}"); am=$(median "${a[@]}"); nb=$(best "${b[@]}"); nm=$(median "${b[@]}")
    printf '| %s | %s | %.4f / %.4f | %.4f / %.4f | %.3f / %.3f |\n' "$batch" "$threads" "$ab" "$am" "$nb" "$nm" \
      "$(awk "BEGIN{print $nb/$ab}")" "$(awk "BEGIN{print $nm/$am}")"
  done
done
