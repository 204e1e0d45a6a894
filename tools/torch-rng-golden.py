#!/usr/bin/python3
"""Writes tests/Golden/torch-rng.json: what PyTorch's CPU generator gives for RandomStreams.PyTorch.

    /usr/bin/python3 tools/torch-rng-golden.py      (needs torch; made with 1.13 on an AVX-512 CPU)

For seeds 1, 2, 3 and the deep (784-128-32-128-784) and shallow (784-32-784) models it replays the
peer script ../shared/peers/pytorch_ae.py --init keras --seed N: torch.manual_seed(N), one nn.Linear
per layer, xavier_uniform_ on every weight, zero biases, then torch.randperm(60000) once per epoch.
It records the first and last 8 float32 bit patterns of each weight, a checksum of the whole model
(sum over the flat layout, weights [out, in] then bias per layer, of (k + 1) * bits[k], mod 2^64),
and the first 16 entries and a checksum (sum of (i + 1) * perm[i]) of the first two epochs' orders.
For the convolutional models (model conv and conv-denoising) it replays ../shared/peers/pytorch_convae.py
--arch small and --arch denoise --noise 0.4 the same way: the noisy sets' randn_like first when there is
noise, the small model's modules and then the denoiser's, xavier_uniform_ on every conv weight; the
checksum runs over the state dict in order (each conv's weight, then its bias), vecae's flat layout.
The tests read the committed file; CI machines have no torch.

PyTorch's float uniform_ fuses its multiply and add in the AVX2 and AVX-512 builds only: with
ATEN_CPU_CAPABILITY=default the weights differ in the last bit, so the script refuses to run so.
"""
import json
import os
import sys

import torch
from torch import nn

from conv_peer import ConvAE, conv_layers

if os.environ.get("ATEN_CPU_CAPABILITY", "") == "default":
    sys.exit("torch-rng-golden: ATEN_CPU_CAPABILITY=default rounds uniform_ differently; unset it")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "Golden", "torch-rng.json")
ARCHS = {"deep": [784, 128, 32, 128, 784], "shallow": [784, 32, 784]}
SEEDS = [1, 2, 3]
TRAIN_COUNT = 60000
TEST_COUNT = 10000
MASK64 = (1 << 64) - 1


def bits(t):
    """float32 tensor -> list of uint32 bit patterns."""
    return t.detach().contiguous().view(-1).view(torch.int32).numpy().astype("uint32").tolist()


def weighted_sum(values):
    return sum((k + 1) * v for k, v in enumerate(values)) & MASK64


def first_two_epochs():
    """The next two randperm(60000) orders, as the peer's first two epochs draw them."""
    epochs = []
    for _ in range(2):
        perm = torch.randperm(TRAIN_COUNT).tolist()
        epochs.append({"first": perm[:16], "checksum": weighted_sum(perm)})
    return epochs


def peer_model(arch):
    """The peer script's layers, built in the same order (the constructors draw too)."""
    if arch == "deep":
        enc = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 32), nn.ReLU())
        dec = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 784), nn.Sigmoid())
    else:
        enc = nn.Sequential(nn.Linear(784, 32), nn.ReLU())
        dec = nn.Sequential(nn.Linear(32, 784), nn.Sigmoid())
    layers = [m for m in list(enc) + list(dec) if isinstance(m, nn.Linear)]
    for m in layers:
        nn.init.xavier_uniform_(m.weight)
        nn.init.zeros_(m.bias)
    return layers


cases = []
for arch, sizes in ARCHS.items():
    for seed in SEEDS:
        torch.manual_seed(seed)
        layers = peer_model(arch)
        assert [m.in_features for m in layers] + [layers[-1].out_features] == sizes
        flat = []
        described = []
        for m in layers:
            w = bits(m.weight)
            flat += w + bits(m.bias)
            described.append({"shape": [m.out_features, m.in_features], "first": w[:8], "last": w[-8:]})
        epochs = first_two_epochs()
        cases.append({"model": arch, "layers": sizes, "seed": seed, "weights": described,
                      "checksum": weighted_sum(flat), "train_count": TRAIN_COUNT, "epochs": epochs})

def peer_conv_model(arch):
    """pytorch_convae.py's modules (conv_peer.ConvAE builds them in its order: the small model's, then
    for denoise the denoiser's), re-initialised as it does; its convolutions in state-dict order."""
    convs = conv_layers(ConvAE(arch))
    for m in convs:
        nn.init.xavier_uniform_(m.weight)
        nn.init.zeros_(m.bias)
    return convs


for model, arch, noise in (("conv", "small", 0.0), ("conv-denoising", "denoise", 0.4)):
    for seed in SEEDS:
        torch.manual_seed(seed)
        if noise > 0:
            torch.randn(TRAIN_COUNT, 1, 28, 28)
            torch.randn(TEST_COUNT, 1, 28, 28)
        flat = []
        described = []
        for m in peer_conv_model(arch):
            w = bits(m.weight)
            flat += w + bits(m.bias)
            described.append({"shape": list(m.weight.shape), "first": w[:8], "last": w[-8:]})
        epochs = first_two_epochs()
        cases.append({"model": model, "noise": noise, "seed": seed, "weights": described,
                      "checksum": weighted_sum(flat), "train_count": TRAIN_COUNT, "epochs": epochs})

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    # One case per line: small diffs when a case changes.
    f.write(f'{{"torch": {json.dumps(torch.__version__)}, "cases": [\n')
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print(f"wrote {OUT}: {len(cases)} cases")
