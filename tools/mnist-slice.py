#!/usr/bin/env python3
"""Writes the first N train and M test images (and labels) of an MNIST folder as raw IDX files.

    tools/mnist-slice.py SRC DST [N_TRAIN] [N_TEST]

Used by the AOT smoke test to train on a slice of MNIST; the standard library is enough.
"""
import gzip
import os
import struct
import sys


def read(path):
    for candidate in (path, path + ".gz"):
        if os.path.exists(candidate):
            with open(candidate, "rb") as f:
                data = f.read()
            return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    sys.exit(f"mnist-slice: {path}: not found")


def slice_idx(data, count):
    ndim = data[3]
    dims = list(struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim]))
    row = 1
    for d in dims[1:]:
        row *= d
    count = min(count, dims[0])
    dims[0] = count
    header = data[:4] + struct.pack(">" + "I" * ndim, *dims)
    start = 4 + 4 * ndim
    return header + data[start:start + count * row]


def main():
    src, dst = sys.argv[1], sys.argv[2]
    n_train = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    n_test = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    os.makedirs(dst, exist_ok=True)
    for name, n in (("train-images-idx3-ubyte", n_train), ("train-labels-idx1-ubyte", n_train),
                    ("t10k-images-idx3-ubyte", n_test), ("t10k-labels-idx1-ubyte", n_test)):
        with open(os.path.join(dst, name), "wb") as f:
            f.write(slice_idx(read(os.path.join(src, name)), n))


if __name__ == "__main__":
    main()
