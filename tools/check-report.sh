#!/usr/bin/env bash
# Checks a report written by `vecae reproduce` the way a reader would meet it:
#   1. index.html renders in headless Chromium (no server, no network) to a screenshot that is not blank;
#   2. every SVG parses as XML and carries a title;
#   3. every PNG passes pngcheck.
# Installs Debian's chromium and pngcheck when missing. Usage: tools/check-report.sh [REPORT_DIR] (default report).
set -euo pipefail
dir=${1:-report}
page="$dir/index.html"
[ -f "$page" ] || { echo "check-report: $page: not found (run: vecae reproduce --out $dir)" >&2; exit 2; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pngcheck >/dev/null 2>&1 || need+=(pngcheck)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "check-report: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
fi

failed=0
fail() { echo "check-report: FAIL: $*" >&2; failed=1; }

# 1. Render the page. A throw-away profile and every background service off: nothing reaches the network.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shot="$work/screenshot.png"
abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
if ! timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --screenshot="$shot" --window-size=1280,4000 \
    "file://$abs" >"$work/chromium.log" 2>&1; then
  cat "$work/chromium.log" >&2
  fail "chromium could not render $page"
fi

# Not blank: decode the screenshot (stdlib only) and count non-white pixels and distinct colours.
if [ -f "$shot" ]; then
  python3 - "$shot" <<'PY' || fail "screenshot of $page looks blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8, "unexpected bit depth"
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
bpp = {2: 3, 6: 4, 0: 1, 4: 2}[ctype]
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours, ink = set(), 0
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, width, 2):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours.add(px)
            if px != b"\xff\xff\xff":
                ink += 1
    prev = line
sampled = (height // 4 + 1) * (width // 2)
print(f"check-report: screenshot {width}x{height}: {len(colours)} colours, {100 * ink / sampled:.1f}% non-white (sampled)")
sys.exit(0 if len(colours) >= 50 and ink / sampled >= 0.02 else 1)
PY
fi

# 2. SVGs parse as XML and say what they show.
svgs=0
while IFS= read -r -d '' svg; do
  svgs=$((svgs + 1))
  python3 - "$svg" <<'PY' || fail "$svg is not a valid SVG with a title"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert root.tag == ns + "svg", root.tag
assert (root.findtext(ns + "title") or "").strip(), "no <title>"
PY
done < <(find "$dir" -maxdepth 1 -name '*.svg' -print0)

# 3. PNGs pass pngcheck.
pngs=0
while IFS= read -r -d '' png; do
  pngs=$((pngs + 1))
  pngcheck -q "$png" >/dev/null || { pngcheck "$png" >&2 || true; fail "$png fails pngcheck"; }
done < <(find "$dir" -maxdepth 1 -name '*.png' -print0)

[ "$svgs" -gt 0 ] || fail "no SVG figures in $dir"
[ "$pngs" -gt 0 ] || fail "no PNG figures in $dir"
if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "check-report: OK: $page renders, $svgs SVGs parse, $pngs PNGs pass pngcheck"
