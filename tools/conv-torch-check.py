#!/usr/bin/env python3
"""Loads a vecae convolutional model (vecae train --model conv | conv-denoising) into the PyTorch modules
of ../shared/peers/pytorch_convae.py (--arch small | denoise): a module holding the peer's two
nn.Sequentials as the attributes enc and dec, so the state-dict names are enc.0.weight, enc.0.bias,
enc.3.weight, ..., dec.9.bias, weights [out, in, kh, kw]. Prints the test BCE as the peer computes it
(F.binary_cross_entropy averaged per pixel, in chunks of 1000) on the clean test images, the
deterministic part (the two engines draw different noise). Compare with 'vecae eval --model FILE'
(no --noise; same test set): they agree to 1e-4.

Usage: /usr/bin/python3 tools/conv-torch-check.py MODEL.safetensors MNIST_DIR [VECAE_LOSS [CODES.npy]]
With VECAE_LOSS, exits 1 unless |torch - vecae| <= 1e-4. With CODES.npy ('vecae encode --model FILE
--out CODES.npy', the test set's codes), also exits 1 unless they are the peer's enc(x) flattened per
image in PyTorch's (channel, height, width) order, to 1e-4."""
import gzip, json, os, struct, sys
import numpy as np, torch
from conv_peer import ConvAE
from vecae_files import idx, read_safetensors
import torch.nn.functional as F


def main():
    tensors, meta = read_safetensors(sys.argv[1])
    arch = json.loads(meta['architecture'])['conv']
    m = ConvAE(arch)
    m.load_state_dict(tensors, strict=True)
    xte = torch.tensor(idx(sys.argv[2], 't10k-images-idx3-ubyte').reshape(-1, 1, 28, 28) / 255.0, dtype=torch.float32)
    chunks = range(0, xte.shape[0], 1000)
    with torch.no_grad():
        loss = sum(F.binary_cross_entropy(m(xte[s:s + 1000]), xte[s:s + 1000]).item() * xte[s:s + 1000].shape[0] for s in chunks) / xte.shape[0]
    print(f"torch test_bce ({arch}) {loss:.6f}")
    if len(sys.argv) > 3:
        ours = float(sys.argv[3])
        ok = abs(loss - ours) <= 1e-4
        print(f"vecae {ours:.6f}: {'agree' if ok else 'DIFFER'} to 1e-4")
        if len(sys.argv) > 4:
            codes = np.load(sys.argv[4])
            with torch.no_grad():
                expected = torch.cat([m.enc(xte[s:s + 1000]).flatten(1) for s in chunks]).numpy()
            worst = float(np.abs(codes.reshape(expected.shape) - expected).max()) if codes.size == expected.size else float('inf')
            print(f"codes {codes.shape} vs enc(x).flatten(1) {expected.shape}: max difference {worst:.2e}")
            ok = ok and worst <= 1e-4
        sys.exit(0 if ok else 1)


main()
