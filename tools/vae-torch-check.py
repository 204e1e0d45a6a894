#!/usr/bin/env python3
"""Loads a vecae variational model (vecae train --model vae) into the module of
../shared/peers/pytorch_vae.py by its state-dict names (fc1, mu, logvar, fc3, fc4; [out, in]) and
prints the test loss per image (BCE summed over the pixels + KL) at z = mean, the deterministic part
that does not depend on either engine's draws. Compare with the 'at z = mean' line of
'vecae eval --model FILE --json' (same test set): they agree to 1e-4 relative.

Usage: /usr/bin/python3 tools/vae-torch-check.py MODEL.safetensors MNIST_DIR [VECAE_LOSS]
With VECAE_LOSS, exits 1 unless |torch - vecae| <= 1e-4 * |torch|."""
import gzip, json, os, struct, sys
import numpy as np, torch
from vecae_files import idx, read_safetensors
from torch import nn
import torch.nn.functional as F



class VAE(nn.Module):
    # The peer's module (pytorch_vae.py), with z = mean when sample is False.
    def __init__(s, hidden, latent):
        super().__init__()
        s.fc1 = nn.Linear(784, hidden); s.mu = nn.Linear(hidden, latent); s.logvar = nn.Linear(hidden, latent)
        s.fc3 = nn.Linear(latent, hidden); s.fc4 = nn.Linear(hidden, 784)

    def forward(s, x, sample=False):
        h = F.relu(s.fc1(x)); mu, logvar = s.mu(h), s.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if sample else mu
        return torch.sigmoid(s.fc4(F.relu(s.fc3(z)))), mu, logvar


def main():
    tensors, meta = read_safetensors(sys.argv[1])
    arch = json.loads(meta['architecture'])
    assert arch['layers'][0] == 784 and len(arch['layers']) == 2, 'the peer has one hidden layer of 784 inputs'
    m = VAE(arch['layers'][1], arch['latent'])
    m.load_state_dict(tensors, strict=True)
    xte = torch.tensor(idx(sys.argv[2], 't10k-images-idx3-ubyte').reshape(-1, 784) / 255.0, dtype=torch.float32)
    total = 0.0
    with torch.no_grad():
        for s in range(0, xte.shape[0], 128):
            xb = xte[s:s + 128]; r, mu, lv = m(xb)
            bce = F.binary_cross_entropy(r, xb, reduction='sum')
            kld = -0.5 * torch.sum(1 + lv - mu.pow(2) - lv.exp())
            total += (bce + kld).item()
    loss = total / xte.shape[0]
    print(f"torch test_loss at z = mean {loss:.6f}")
    if len(sys.argv) > 3:
        ours = float(sys.argv[3])
        ok = abs(loss - ours) <= 1e-4 * abs(loss)
        print(f"vecae {ours:.6f}: {'agree' if ok else 'DIFFER'} to 1e-4 relative")
        sys.exit(0 if ok else 1)


main()
