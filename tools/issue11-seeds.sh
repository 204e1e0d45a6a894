#!/usr/bin/env bash
# Issue 11's loss targets, vecae beside its PyTorch peer in the same run: for each model and seed,
# `vecae train --seed S` and the peer script with `--seed S` run at the same time, one thread each,
# one per core, so that both see the same machine. Prints, per model, each seed's test loss after
# the last epoch (for conv also the lowest within its epochs), the means over the seeds, and the
# median seconds per epoch after the first. The raw per-epoch logs stay in OUT_DIR.
# Usage: tools/issue11-seeds.sh [OUT_DIR] [MODELS] [SEEDS] [MNIST_DIR] [PEERS_DIR]
#        (defaults: /tmp/issue11-seeds "vae conv conv-denoising" "1 2 3" data/mnist ../shared/peers)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/issue11-seeds}
models=${2:-"vae conv conv-denoising"}
seeds=${3:-"1 2 3"}
data=${4:-data/mnist}
peers=${5:-../shared/peers}
[ -d "$peers" ] || peers=/work/shared/peers
mkdir -p "$out"
dotnet build src/Vectorized.Autoencoders.Cli -c Release -v q -nologo >/dev/null
vecae=src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae

epochs_of() { [ -n "${EPOCHS:-}" ] && { echo "$EPOCHS"; return; }; case "$1" in conv) echo 22 ;; *) echo 10 ;; esac; }
peer_args() {
  case "$1" in
    vae) echo "pytorch_vae.py" ;;
    conv) echo "pytorch_convae.py --arch small" ;;
    conv-denoising) echo "pytorch_convae.py --arch denoise --noise 0.4" ;;
  esac
}

# One line per epoch in both logs: "epoch loss seconds".
vecae_epochs() { sed -E 's/.*"epoch":([0-9]+).*"test_loss":([-0-9.eE]+).*"seconds":([0-9.]+).*/\1 \2 \3/' "$1"; }
peer_epochs() { sed -nE 's/^epoch ([0-9]+) .*test_(bce|loss) ([0-9.]+) seconds ([0-9.]+).*/\1 \3 \4/p' "$1"; }

for model in $models; do
  epochs=$(epochs_of "$model")
  for seed in $seeds; do
    base="$out/$model-seed$seed"
    [ -s "$base.vecae.log" ] && [ -s "$base.peer.log" ] && continue   # resumable: keep finished pairs
    "$vecae" train --model "$model" --seed "$seed" --epochs "$epochs" --threads 1 --data "$data" \
      --out "$base.model" --json --quiet >"$base.vecae.tmp" &
    ours=$!
    # shellcheck disable=SC2046
    /usr/bin/python3 "$peers"/$(peer_args "$model") "$data" --epochs "$epochs" --seed "$seed" \
      --threads 1 >"$base.peer.tmp"
    wait "$ours"
    mv "$base.vecae.tmp" "$base.vecae.log"
    mv "$base.peer.tmp" "$base.peer.log"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
after_first() { awk 'NR == 1 { first = $3 } NR > 1 { print $3 } END { if (NR == 1) print first }'; }
mean() { awk '{ s += $1 } END { printf "%.6g", s / NR }'; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)"
for model in $models; do
  echo
  echo "$model, $(epochs_of "$model") epochs, one thread each, side by side:"
  echo
  echo "| seed | vecae last | PyTorch last | vecae lowest | PyTorch lowest | vecae s/epoch | PyTorch s/epoch |"
  echo "|---|---|---|---|---|---|---|"
  for seed in $seeds; do
    base="$out/$model-seed$seed"
    v=$(vecae_epochs "$base.vecae.log"); p=$(peer_epochs "$base.peer.log")
    printf '| %s | %.4f | %.4f | %.4f | %.4f | %.2f | %.2f |\n' "$seed" \
      "$(tail -n 1 <<<"$v" | cut -d' ' -f2)" "$(tail -n 1 <<<"$p" | cut -d' ' -f2)" \
      "$(cut -d' ' -f2 <<<"$v" | sort -g | head -n 1)" "$(cut -d' ' -f2 <<<"$p" | sort -g | head -n 1)" \
      "$(after_first <<<"$v" | median)" "$(after_first <<<"$p" | median)"
  done
  last() { for seed in $seeds; do "$1" "$out/$model-seed$seed.$2.log" | tail -n 1 | cut -d' ' -f2; done | mean; }
  lowest() { for seed in $seeds; do "$1" "$out/$model-seed$seed.$2.log" | cut -d' ' -f2 | sort -g | head -n 1; done | mean; }
  printf '| mean | %.4f | %.4f | %.4f | %.4f | | |\n' "$(last vecae_epochs vecae)" "$(last peer_epochs peer)" \
    "$(lowest vecae_epochs vecae)" "$(lowest peer_epochs peer)"
done
