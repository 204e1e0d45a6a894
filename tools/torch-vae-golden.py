#!/usr/bin/python3
"""Writes tests/Golden/torch-vae.json: what PyTorch's CPU generator gives for a variational model
replayed with RandomStreams.PyTorch (vecae train --model vae --rng pytorch).

    /usr/bin/python3 tools/torch-vae-golden.py      (needs torch; made with 1.13, AVX2 kernels)

For seeds 1, 2, 3 it replays ../shared/peers/pytorch_vae.py's set-up: torch.manual_seed(N), then
nn.Linear(784, 400), (400, 20) twice for mu and logvar, (20, 400), (400, 784) with PyTorch's default
initialization. It records the checksum of every parameter in vecae's flat layout (per layer the
weight [out, in] then the bias; mu and logvar as one layer: mu's rows, logvar's rows, mu's bias,
logvar's bias), the sum over k of (k + 1) * bits[k] mod 2^64, and the first 8 bit patterns of fc1's
weight. Then, after the set-up, torch.randn(2560) (a training batch's eps, 128 x 20) and
torch.randn(40) (not a multiple of 16: the last sixteen are drawn again), each followed by the
bits of one torch.rand(1), which show how many draws the randn consumed.
PyTorch's AVX2 randn computes log, sin and cos with its own polynomials; the tests allow 3 units in
the last place there and check how many values agree exactly.
The tests read the committed file; CI machines have no torch.
"""
import json
import os

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "Golden", "torch-vae.json")
MASK64 = (1 << 64) - 1


def bits(t):
    return t.detach().contiguous().view(-1).view(torch.int32).numpy().astype("uint32").tolist()


def weighted_sum(values):
    return sum((k + 1) * v for k, v in enumerate(values)) & MASK64


def case(seed):
    torch.manual_seed(seed)
    fc1, mu, logvar, fc3, fc4 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20), nn.Linear(20, 400), nn.Linear(400, 784)
    flat = (bits(fc1.weight) + bits(fc1.bias) + bits(mu.weight) + bits(logvar.weight) + bits(mu.bias) + bits(logvar.bias)
            + bits(fc3.weight) + bits(fc3.bias) + bits(fc4.weight) + bits(fc4.bias))
    randn = []
    for n in (2560, 40):
        values = bits(torch.randn(n))
        randn.append({"count": n, "bits": values, "next_uniform": bits(torch.rand(1))[0]})
    return {"seed": seed, "checksum": weighted_sum(flat), "fc1_first": bits(fc1.weight)[:8], "randn": randn if seed == 1 else randn[1:]}


with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": [case(s) for s in (1, 2, 3)]}, f)
    f.write("\n")
print("wrote", OUT)
