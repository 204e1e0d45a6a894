#!/usr/bin/env bash
# Publishes `vecae` as a NativeAOT single-file executable.
#
#   tools/publish-aot.sh [OUTDIR] [RID] [INSTRUCTION_SET]
#
#   OUTDIR           default artifacts/aot/<RID>
#   RID              default linux-x64; also linux-arm64, win-x64, osx-arm64 (each must be
#                    built on its own OS: NativeAOT does not cross-compile across operating systems;
#                    linux-arm64 from linux-x64 needs the arm64 sysroot/cross toolchain)
#   INSTRUCTION_SET  default x86-64-v4 on x64 (AVX-512). Without it, a NativeAOT binary runs
#                    with Vector256/Vector512 NOT accelerated (measured): choose on purpose.
#                    x86-64-v3 = portable AVX2+FMA build; native = this CPU; on arm64 leave
#                    empty (AdvSimd is the baseline).
#
# `vecae info` prints which SIMD path the binary actually runs.
set -euo pipefail
cd "$(dirname "$0")/.."

rid=${2:-linux-x64}
out=${1:-artifacts/aot/$rid}
case "$rid" in
  *-x64) isa=${3:-x86-64-v4} ;;
  *) isa=${3:-} ;;
esac

# NativeAOT links with clang and lld on Linux; a fresh machine may lack them.
if [[ "$rid" == linux-* ]] && { ! command -v clang >/dev/null || ! command -v ld.lld >/dev/null; }; then
  echo "publish-aot: installing clang and lld" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang lld zlib1g-dev >/dev/null
fi

args=(-c Release -r "$rid" -o "$out" -p:PublishAot=true -p:StripSymbols=true -p:IlcOptimizationPreference=Speed)
[ -n "$isa" ] && args+=("-p:IlcInstructionSet=$isa")

dotnet publish src/Vectorized.Autoencoders.Cli/Vectorized.Autoencoders.Cli.csproj "${args[@]}" >&2
exe="$out/vecae"
[ -f "$out/vecae.exe" ] && exe="$out/vecae.exe"
echo "publish-aot: $exe ($(du -h "$exe" | cut -f1), instruction set: ${isa:-default})" >&2
echo "$exe"
