#!/usr/bin/env bash
# t-SNE side by side with the scikit-learn peer on the SAME input matrix, back to back.
# Both embed the first N MNIST test images / 255 reduced to 32-D by scikit-learn's
# PCA(32, random_state=0) (tools/tsne-pca32.py writes it once as .npy for the peer's --codes
# and as f32 IDX for `vecae tsne --input`), with 2 threads, perplexity 30, 1000 iterations.
# Prints wall and CPU seconds of each, KL and 10-NN accuracy; the machine is shared, so compare
# the ratio within one run. Optional: --full also embeds all 70,000 train + test images.
# Usage: tools/bench-tsne.sh [MNIST_DIR] [--n 10000] [--threads 2] [--repeat 1] [--full]
set -euo pipefail
cd "$(dirname "$0")/.."

data=data/mnist; n=10000; threads=2; repeat=1; full=0
[ $# -gt 0 ] && [ "${1#--}" = "$1" ] && { data=$1; shift; }
while [ $# -gt 0 ]; do
  case $1 in
    --n) n=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --full) full=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

py=/usr/bin/python3
peer=${PEER:-../shared/peers/tsne_sklearn.py}
[ -f "$peer" ] || peer=/work/shared/peers/tsne_sklearn.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Vectorized.Autoencoders.Cli -c Release -v q -nologo >/dev/null
vecae=src/Vectorized.Autoencoders.Cli/bin/Release/net10.0/vecae

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)"
$py tools/tsne-pca32.py "$data" "$work/pca32" --n "$n"

timed() { /usr/bin/time -f "  wall %e s, cpu %U+%S s" "$@"; }
for r in $(seq "$repeat"); do
  echo "== run $r: scikit-learn (peer, --codes the same matrix)"
  timed $py "$peer" "$data" --n "$n" --threads "$threads" --codes "$work/pca32.npy"
  echo "== run $r: vecae tsne"
  timed $vecae tsne --input "$work/pca32.idx" --labels "$work/pca32-labels.idx" --points "$n" --threads "$threads"
done

if [ "$full" = 1 ]; then
  $py tools/tsne-pca32.py "$data" "$work/pca32-70k" --train
  echo "== vecae tsne, 70,000 points (train + test, PCA-32)"
  timed $vecae tsne --input "$work/pca32-70k.idx" --labels "$work/pca32-70k-labels.idx" --points 70000 --threads "$threads"
fi
