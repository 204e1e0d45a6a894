#!/usr/bin/env python3
"""Writes the malformed-file corpus and its manifest (file -> expected error reason substring).

The committed files are the test input; this script documents how each was made and can
rebuild them: python3 tests/Corpus/generate.py (from the repository root).
"""
import gzip
import io
import os
import struct

ROOT = os.path.dirname(os.path.abspath(__file__))
manifest = []


def put(folder, name, data, reason):
    path = os.path.join(ROOT, folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    manifest.append(f"{folder}/{name}\t{reason}")


# ---------- safetensors ----------

def st(header, data=b"", length=None, pad=True):
    """A safetensors file from header text (str or bytes); length overrides the 8-byte prefix."""
    h = header.encode("utf-8") if isinstance(header, str) else header
    if pad:
        h += b" " * ((8 - len(h) % 8) % 8)
    n = len(h) if length is None else length
    return struct.pack("<Q", n) + h + data


def t(name, dtype, shape, begin, end):
    return f'"{name}":{{"dtype":"{dtype}","shape":{shape},"data_offsets":[{begin},{end}]}}'


F4 = b"\x00\x00\x80\x3f"  # 1.0f
S = "safetensors"
put(S, "empty-file.safetensors", b"", "file is empty")
put(S, "three-bytes.safetensors", b"\x08\x00\x00", "too short for the 8-byte header length")
put(S, "seven-bytes.safetensors", b"\x08\x00\x00\x00\x00\x00\x00", "too short for the 8-byte header length")
put(S, "header-length-max-u64.safetensors", b"\xff" * 8 + b"{}      ", "more than the 100000000-byte limit")
put(S, "header-length-2-pow-63.safetensors", struct.pack("<Q", 1 << 63) + b"{}      ", "more than the 100000000-byte limit")
put(S, "header-length-just-over-limit.safetensors", struct.pack("<Q", 100_000_001) + b"{}      ", "more than the 100000000-byte limit")
put(S, "header-length-past-eof.safetensors", struct.pack("<Q", 1000) + b"{}      ", "runs past the end of the file")
put(S, "header-length-one-past-eof.safetensors", struct.pack("<Q", 9) + b"{}      ", "runs past the end of the file")
put(S, "header-length-zero.safetensors", struct.pack("<Q", 0), "does not start with '{'")
put(S, "header-not-utf8.safetensors", st(b'{"\xff\xfe":{}}'), "not valid UTF-8")
put(S, "header-utf8-surrogate.safetensors", st(b'{"\xed\xa0\x80":1}'), "not valid UTF-8")
put(S, "header-overlong-utf8.safetensors", st(b'{"\xc0\xaf":1}'), "not valid UTF-8")
put(S, "header-is-array.safetensors", st("[]"), "does not start with '{'")
put(S, "header-is-string.safetensors", st('"abc"'), "does not start with '{'")
put(S, "header-utf8-bom.safetensors", st(b"\xef\xbb\xbf{}"), "does not start with '{'")
put(S, "header-leading-space.safetensors", st(" {}"), "does not start with '{'")
put(S, "header-unclosed-object.safetensors", st("{"), "not valid JSON")
put(S, "header-trailing-garbage.safetensors", st("{}x"), "not valid JSON")
put(S, "header-two-objects.safetensors", st("{}{}"), "not valid JSON")
put(S, "header-comment.safetensors", st("{/*c*/}"), "not valid JSON")
put(S, "header-trailing-comma.safetensors", st("{" + t("a", "F32", [1], 0, 4) + ",}", F4), "not valid JSON")
put(S, "header-single-quotes.safetensors", st("{'a':1}"), "not valid JSON")
put(S, "header-nul-padding.safetensors", st(b"{}\x00\x00\x00\x00\x00\x00", pad=False), "not valid JSON")
put(S, "header-raw-newline-in-name.safetensors", st('{"a\nb":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', F4), "not valid JSON")
put(S, "header-bad-escape.safetensors", st('{"a\\x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', F4), "not valid JSON")
put(S, "header-escaped-lone-surrogate.safetensors", st('{"\\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', F4), "not valid JSON")
put(S, "header-cut-short-by-length.safetensors", st('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', pad=False, length=20)
    + b"", "not valid JSON")
put(S, "header-too-deep.safetensors", st('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":' + "[" * 20 + "]" * 20 + "}}", F4), "not valid JSON")
put(S, "tensor-is-array.safetensors", st('{"a":[1,2]}'), "tensor 'a' is not a JSON object")
put(S, "tensor-is-number.safetensors", st('{"a":5}'), "tensor 'a' is not a JSON object")
put(S, "dtype-unknown.safetensors", st("{" + t("a", "F128", [1], 0, 4) + "}", F4), "unknown dtype 'F128'")
put(S, "dtype-lowercase.safetensors", st("{" + t("a", "f32", [1], 0, 4) + "}", F4), "unknown dtype 'f32'")
put(S, "dtype-empty.safetensors", st("{" + t("a", "", [1], 0, 4) + "}", F4), "unknown dtype ''")
put(S, "dtype-number.safetensors", st('{"a":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}', F4), "dtype is not a string")
put(S, "dtype-twice.safetensors", st('{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}', F4), "two dtype fields")
put(S, "missing-dtype.safetensors", st('{"a":{"shape":[1],"data_offsets":[0,4]}}', F4), "has no dtype")
put(S, "missing-shape.safetensors", st('{"a":{"dtype":"F32","data_offsets":[0,4]}}', F4), "has no shape")
put(S, "missing-offsets.safetensors", st('{"a":{"dtype":"F32","shape":[1]}}', F4), "has no data_offsets")
put(S, "shape-negative.safetensors", st("{" + t("a", "F32", "[-1]", 0, 4) + "}", F4), "shape holds something other than a non-negative integer")
put(S, "shape-fraction.safetensors", st("{" + t("a", "F32", "[1.5]", 0, 4) + "}", F4), "shape holds something other than a non-negative integer")
put(S, "shape-string.safetensors", st("{" + t("a", "F32", '["1"]', 0, 4) + "}", F4), "shape holds something other than a non-negative integer")
put(S, "shape-not-array.safetensors", st('{"a":{"dtype":"F32","shape":1,"data_offsets":[0,4]}}', F4), "shape is not an array")
put(S, "shape-overflows-64-bits.safetensors", st("{" + t("a", "F32", "[4294967296,4294967296]", 0, 4) + "}", F4), "overflows 64 bits")
put(S, "shape-overflows-with-dtype.safetensors", st("{" + t("a", "F64", "[2305843009213693952]", 0, 4) + "}", F4), "overflows 64 bits")
put(S, "shape-beyond-u64.safetensors", st("{" + t("a", "F32", "[18446744073709551616]", 0, 4) + "}", F4), "non-negative integer")
put(S, "huge-claim-tiny-file.safetensors", st("{" + t("a", "F32", "[1000000000000]", 0, 4000000000000) + "}", F4), "truncated: tensors need 4000000000000 data bytes, the file holds 4")
put(S, "offsets-three-numbers.safetensors", st('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}', F4), "data_offsets has 3 numbers")
put(S, "offsets-one-number.safetensors", st('{"a":{"dtype":"F32","shape":[1],"data_offsets":[4]}}', F4), "data_offsets has 1 numbers")
put(S, "offsets-as-strings.safetensors", st('{"a":{"dtype":"F32","shape":[1],"data_offsets":["0","4"]}}', F4), "data_offsets holds something other than a non-negative integer")
put(S, "offsets-too-large.safetensors", st("{" + t("a", "U8", [0], 18446744073709551615, 18446744073709551615) + "}"), "is too large")
put(S, "offsets-end-before-begin.safetensors", st("{" + t("a", "U8", [0], 4, 0) + "}", F4), "end before they begin")
put(S, "size-mismatch.safetensors", st("{" + t("a", "F32", [2], 0, 4) + "}", F4), "needs 8 bytes but data_offsets [0, 4] span 4")
put(S, "dtype-wrong-for-span.safetensors", st("{" + t("a", "F64", [1], 0, 4) + "}", F4), "F64 [1] needs 8 bytes")
put(S, "f4-half-byte.safetensors", st("{" + t("a", "F4", [3], 0, 2) + "}", b"\x00\x00"), "do not fill whole bytes")
put(S, "offsets-not-from-zero.safetensors", st("{" + t("a", "F32", [1], 4, 8) + "}", F4 + F4), "leave a gap after 0")
put(S, "offsets-gap.safetensors", st("{" + t("a", "F32", [1], 0, 4) + "," + t("b", "F32", [1], 8, 12) + "}", F4 * 3), "leave a gap after 4")
put(S, "offsets-overlap.safetensors", st("{" + t("a", "F32", [2], 0, 8) + "," + t("b", "F32", [2], 4, 12) + "}", F4 * 3), "overlap the previous tensor, which ends at 8")
put(S, "offsets-identical.safetensors", st("{" + t("a", "F32", [1], 0, 4) + "," + t("b", "F32", [1], 0, 4) + "}", F4), "overlap the previous tensor")
put(S, "data-after-last-tensor.safetensors", st("{" + t("a", "F32", [1], 0, 4) + "}", F4 + b"\x00"), "1 bytes of data after the last tensor")
put(S, "data-but-no-tensors.safetensors", st("{}", F4), "4 bytes of data after the last tensor")
put(S, "data-truncated.safetensors", st("{" + t("a", "F32", [2], 0, 8) + "}", F4), "truncated: tensors need 8 data bytes, the file holds 4")
put(S, "duplicate-tensor-name.safetensors", st("{" + t("a", "F32", [1], 0, 4) + "," + t("a", "F32", [1], 4, 8) + "}", F4 * 2), "duplicate tensor name 'a'")
put(S, "duplicate-name-via-escape.safetensors", st("{" + t("a", "F32", [1], 0, 4) + "," + t("\\u0061", "F32", [1], 4, 8) + "}", F4 * 2), "duplicate tensor name 'a'")
put(S, "duplicate-metadata.safetensors", st('{"__metadata__":{},"__metadata__":{}}'), "duplicate __metadata__")
put(S, "metadata-value-number.safetensors", st('{"__metadata__":{"epoch":3}}'), "value of 'epoch' is not a string")
put(S, "metadata-is-array.safetensors", st('{"__metadata__":["format","pt"]}'), "__metadata__ is not a JSON object")
put(S, "metadata-duplicate-key.safetensors", st('{"__metadata__":{"k":"a","k":"b"}}'), "duplicate __metadata__ key 'k'")
put(S, "idx-file-as-safetensors.safetensors", b"\x00\x00\x08\x01\x00\x00\x00\x02\x05\x07", "more than the 100000000-byte limit")

# ---------- IDX ----------

def idx(type_code, dims, data=b"", rank=None):
    return bytes([0, 0, type_code, len(dims) if rank is None else rank]) + b"".join(struct.pack(">I", d) for d in dims) + data


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


I = "idx"
valid = idx(0x08, [2, 2], b"\x01\x02\x03\x04")
put(I, "empty-file.idx", b"", "file is empty")
put(I, "three-bytes.idx", b"\x00\x00\x08", "truncated header")
put(I, "first-byte-nonzero.idx", b"\x01" + valid[1:], "the first two bytes are 0x01 0x00, not zero")
put(I, "second-byte-nonzero.idx", b"\x00\x01" + valid[2:], "the first two bytes are 0x00 0x01, not zero")
put(I, "text-file.idx", b"hello, world\n", "not an IDX file")
put(I, "type-code-0a.idx", idx(0x0A, [1], b"\x00"), "unknown IDX type code 0x0A")
put(I, "type-code-ff.idx", idx(0xFF, [1], b"\x00"), "unknown IDX type code 0xFF")
put(I, "type-code-07.idx", idx(0x07, [1], b"\x00"), "unknown IDX type code 0x07")
put(I, "zero-dimensions.idx", idx(0x08, [], b"\x00"), "zero dimensions")
put(I, "rank-3-one-dim.idx", idx(0x08, [2], rank=3), "truncated header: 3 dimensions need 16 bytes")
put(I, "rank-255-no-dims.idx", bytes([0, 0, 8, 255]), "truncated header: 255 dimensions need 1024 bytes")
put(I, "claims-10-pow-12-elements.idx", idx(0x08, [1000000, 1000000]), "truncated: header claims [1000000, 1000000]")
put(I, "claims-4-exabytes-i32.idx", idx(0x0C, [1000000000, 1000000000], b"\x00" * 4), "truncated: header claims [1000000000, 1000000000] x 4 bytes = 4000000000000000000 data bytes, the file holds 4")
put(I, "count-overflows-with-f64.idx", idx(0x0E, [2147483647, 2147483647], b"\x00" * 4), "overflows 64 bits")
put(I, "dimension-over-int32.idx", idx(0x08, [0xFFFFFFFF], b"\x00"), "dimension 0 is 4294967295")
put(I, "count-overflows-64-bits.idx", idx(0x0D, [2147483647] * 4), "overflows 64 bits")
put(I, "data-truncated.idx", idx(0x08, [10], b"\x00" * 5), "truncated: header claims [10] x 1 bytes = 10 data bytes, the file holds 5")
put(I, "data-trailing.idx", idx(0x08, [2], b"\x00" * 4), "2 bytes of trailing data")
put(I, "f64-one-byte-short.idx", idx(0x0E, [3], b"\x00" * 23), "the file holds 23")
put(I, "i16-odd-length.idx", idx(0x0B, [2, 2], b"\x00" * 7), "the file holds 7")
put(I, "safetensors-as-idx.idx", st("{}"), "not an IDX file")
put(I, "gzip-magic-only.idx.gz", b"\x1f\x8b", "gzip")
put(I, "gzip-bad-method.idx.gz", b"\x1f\x8b\x07\x00" + b"\x00" * 16, "corrupt gzip stream")
good_gz = gz(valid)
put(I, "gzip-corrupt-deflate.idx.gz", good_gz[:10] + b"\xff" * (len(good_gz) - 10), "corrupt gzip stream")
put(I, "gzip-truncated.idx.gz", gz(idx(0x08, [200], bytes(range(200))))[:-30], "truncated: header claims 200 data bytes")
bad_crc = bytearray(good_gz)
bad_crc[-8] ^= 0xFF
put(I, "gzip-bad-crc.idx.gz", bytes(bad_crc), "corrupt gzip stream")
put(I, "gzip-empty-content.idx.gz", gz(b""), "gzip stream holds no data")
put(I, "gzip-bad-inner-magic.idx.gz", gz(b"\x00\x07" + valid[2:]), "the first two bytes are 0x00 0x07")
put(I, "gzip-claims-10-pow-12.idx.gz", gz(idx(0x08, [1000000, 1000000], b"\x00" * 100)), "header claims 1000000000000 data bytes, more than")
put(I, "gzip-claims-10-pow-9.idx.gz", gz(idx(0x08, [1000, 1000000], b"\x00" * 100)), "truncated: header claims 1000000000 data bytes, the decompressed data holds 100")
put(I, "gzip-trailing-data.idx.gz", gz(valid + b"\x09"), "trailing data after the 4 data bytes")
put(I, "gzip-data-truncated.idx.gz", gz(idx(0x0C, [3], b"\x00" * 11)), "the decompressed data holds 11")
put(I, "gzip-header-truncated.idx.gz", gz(b"\x00\x00\x08\x02\x00\x00"), "truncated header")

with open(os.path.join(ROOT, "manifest.txt"), "w") as f:
    f.write("# file<TAB>a substring the reader's error reason must contain (generated by generate.py)\n")
    f.write("\n".join(manifest) + "\n")
print(f"{len(manifest)} files")
