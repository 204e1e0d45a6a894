#!/usr/bin/env python3
"""Checks that vecae trains a convolutional model as PyTorch does, one step at a time: the gradient
of the first batch and the weights after two Adam steps, against the peer's modules
(tools/conv_peer.py's ConvAE, the modules of ../shared/peers/pytorch_convae.py).

vecae cannot hand out its initial weights or a gradient, so both come from its one-step SGD runs
(--noise 0 --limit 128 --batch 128 --optimizer sgd): with learning rates 1 and 2 from the same seed,
w1 = w0 - g and w2 = w0 - 2g, so g = w1 - w2 and w0 = 2 w1 - w2. PyTorch starts from that w0 on the
same 128 clean images. Then vecae's Adam (--limit 256 --batch 256 --epochs 2: two steps on the same
256 images, whose order in the batch changes only rounding) is compared with the peer's optimizer,
torch.optim.Adam(lr 1e-3, eps 1e-7): the conv models' default --adam pytorch (pass --adam keras as
EXTRA to check Keras' form against the same formula written out).

Usage: /usr/bin/python3 tools/conv-torch-step-check.py VECAE MNIST_DIR [small|denoise] [SEED] [EXTRA vecae train flags...]
Prints each gradient's relative error and each tensor's largest weight difference after the Adam
steps, in learning rates; exits 1 unless every gradient agrees to 1e-4 and every weight to 0.05 of
a step. (Adam divides by sqrt(v), so a weight whose gradient is a hundred times smaller than its
tensor's median moves by rounding-sized gradients: measured up to 0.01 of a step there.)"""
import os, subprocess, sys, tempfile
import torch
import torch.nn.functional as F
from conv_peer import ConvAE
from vecae_files import idx, read_safetensors

GRADIENT_TOLERANCE = 1e-4
STEP_TOLERANCE = 0.05  # of one Adam step, lr
LR = 1e-3


def train(vecae, data, model, seed, out, *flags):
    subprocess.run([vecae, 'train', '--model', model, '--noise', '0', '--seed', str(seed), '--threads', '1',
                    '--data', data, '--out', out, '--quiet', *flags], check=True, stdout=subprocess.DEVNULL)
    return read_safetensors(os.path.join(out, 'model.safetensors'))[0]


def gradient_errors(ours, theirs):
    worst = 0.0
    for k in theirs:
        err = ((ours[k].double() - theirs[k].double()).norm() / theirs[k].double().norm()).item()
        worst = max(worst, err)
        print(f"gradient {k:14s} relative error {err:.2e}")
    return worst


def step_differences(ours, theirs):
    worst = 0.0
    for k in theirs:
        diff = ((ours[k].double() - theirs[k].double()).abs().max() / LR).item()
        worst = max(worst, diff)
        print(f"two Adam steps {k:14s} largest difference {diff:.2e} of a step")
    return worst


def main():
    vecae, data = sys.argv[1], sys.argv[2]
    arch = sys.argv[3] if len(sys.argv) > 3 else 'denoise'
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    extra = sys.argv[5:]
    form = extra[extra.index('--adam') + 1] if '--adam' in extra else 'pytorch'
    model = 'conv-denoising' if arch == 'denoise' else 'conv'
    images = idx(data, 'train-images-idx3-ubyte')
    with tempfile.TemporaryDirectory() as tmp:
        sgd = ['--optimizer', 'sgd', '--epochs', '1', '--limit', '128', '--batch', '128']
        w1 = train(vecae, data, model, seed, os.path.join(tmp, 'lr1'), *sgd, '--lr', '1')
        w2 = train(vecae, data, model, seed, os.path.join(tmp, 'lr2'), *sgd, '--lr', '2')
        adam = train(vecae, data, model, seed, os.path.join(tmp, 'adam'), '--epochs', '2', '--limit', '256', '--batch', '256', *extra)
    g = {k: w1[k].double() - w2[k].double() for k in w1}
    w0 = {k: (2 * w1[k].double() - w2[k].double()).float() for k in w1}

    m = ConvAE(arch)
    m.load_state_dict(w0)
    x = torch.tensor(images[:128].reshape(-1, 1, 28, 28) / 255.0, dtype=torch.float32)
    F.binary_cross_entropy(m(x), x).backward()
    grads = {k: p.grad for k, p in m.named_parameters()}
    gradient_worst = gradient_errors(g, grads)

    m = ConvAE(arch)
    m.load_state_dict(w0)
    x = torch.tensor(images[:256].reshape(-1, 1, 28, 28) / 255.0, dtype=torch.float32)
    params = list(m.parameters())
    if form == 'pytorch':
        opt = torch.optim.Adam(params, lr=LR, eps=1e-7)
        for t in (1, 2):
            opt.zero_grad()
            F.binary_cross_entropy(m(x), x).backward()
            opt.step()
    else:
        m1 = [torch.zeros_like(p) for p in params]
        m2 = [torch.zeros_like(p) for p in params]
        for t in (1, 2):
            m.zero_grad()
            F.binary_cross_entropy(m(x), x).backward()
            with torch.no_grad():
                for p, a, b in zip(params, m1, m2):
                    a.mul_(0.9).add_(p.grad, alpha=0.1)
                    b.mul_(0.999).addcmul_(p.grad, p.grad, value=0.001)
                    p -= LR * (1 - 0.999 ** t) ** 0.5 / (1 - 0.9 ** t) * a / (b.sqrt() + 1e-7)
    step_worst = step_differences(adam, {k: p.detach() for k, p in m.named_parameters()})
    ok = gradient_worst <= GRADIENT_TOLERANCE and step_worst <= STEP_TOLERANCE
    print(f"{model} seed {seed}, Adam in {form}'s form: gradients to {gradient_worst:.1e} (at most {GRADIENT_TOLERANCE:g}), weights after"
          f" two Adam steps to {step_worst:.1e} of a step (at most {STEP_TOLERANCE:g}): {'agree' if ok else 'DIFFER'}")
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
