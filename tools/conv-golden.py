#!/usr/bin/env python3
"""Writes tests/Golden/conv-layers.json: PyTorch's outputs and gradients for the convolutional and
variational layers, the oracle Layers/ConvGoldenTests.cs compares the engine with (1e-5 relative).

Each case draws its inputs (rounded to float32, the engine's type), runs the PyTorch module or
function in float64 and records the output and, for a random upstream gradient dy, the gradients
autograd gives. Tensors are flattened in PyTorch's own layout (NCHW activations, [out, in, kh, kw]
weights); the test rearranges them. Keras' padding='same' is TensorFlow's: the odd unit of padding
goes below and right, which PyTorch's symmetric padding argument cannot say, so the input is padded
explicitly with F.pad and convolved with padding 0. It also records the shape after every layer
of the two models of ../shared/peers/pytorch_convae.py (--arch small and denoise).

Usage: /usr/bin/python3 tools/conv-golden.py [OUT]   (default tests/Golden/conv-layers.json)"""
import json, math, os, sys
import torch
import torch.nn.functional as F

torch.manual_seed(20)


def draw(*shape, low=-1.0, high=1.0):
    return (torch.rand(*shape, dtype=torch.float32) * (high - low) + low).double().requires_grad_(True)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def same_padding(size, kernel, stride):
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv_case(name, cin, cout, batch, h, w, k, stride, padding):
    x, weight, bias = draw(batch, cin, h, w), draw(cout, cin, k, k, low=-0.5, high=0.5), draw(cout, low=-0.5, high=0.5)
    xp = x
    if padding == 'same':
        top, bottom = same_padding(h, k, stride)
        left, right = same_padding(w, k, stride)
        xp = F.pad(x, (left, right, top, bottom))
    y = F.conv2d(xp, weight, bias, stride=stride)
    dy = draw(*y.shape).detach()
    y.backward(dy)
    return dict(name=name, kind='conv', batch=batch, inChannels=cin, outChannels=cout, height=h, width=w,
                kernel=k, stride=stride, padding=padding, x=flat(x), weight=flat(weight), bias=flat(bias),
                y=flat(y), dy=flat(dy), dx=flat(x.grad), dweight=flat(weight.grad), dbias=flat(bias.grad))


def maxpool_case(name, planes, h, w):
    x = draw(1, planes, h, w)
    y = F.max_pool2d(x, 2, 2, ceil_mode=True)
    dy = draw(*y.shape).detach()
    y.backward(dy)
    return dict(name=name, kind='maxpool', planes=planes, height=h, width=w, pool=2, stride=2, padding='same',
                x=flat(x), y=flat(y), dy=flat(dy), dx=flat(x.grad))


def upsample_case(name, planes, h, w, factor):
    x = draw(1, planes, h, w)
    y = F.interpolate(x, scale_factor=factor, mode='nearest')
    dy = draw(*y.shape).detach()
    y.backward(dy)
    return dict(name=name, kind='upsample', planes=planes, height=h, width=w, factor=factor,
                x=flat(x), y=flat(y), dy=flat(dy), dx=flat(x.grad))


def vae_case(name, batch, pixels, latent):
    # The loss of pytorch_vae.py's loss_fn on the decoder's logits, per image and averaged over the
    # batch; the sample z = mu + eps * exp(0.5 logvar) of its forward with eps given, and its
    # gradients for an upstream dz.
    logits, mu, logvar = draw(batch, pixels, low=-6, high=6), draw(batch, latent, low=-2, high=2), draw(batch, latent, low=-3, high=2)
    target = draw(batch, pixels, low=0, high=1).detach()
    eps = draw(batch, latent, low=-2, high=2).detach()
    per_image = [F.binary_cross_entropy(torch.sigmoid(logits[n]), target[n], reduction='sum')
                 - 0.5 * torch.sum(1 + logvar[n] - mu[n].pow(2) - logvar[n].exp()) for n in range(batch)]
    loss = sum(per_image) / batch
    loss.backward()
    dlogits, dmu_loss, dlogvar_loss = logits.grad.clone(), mu.grad.clone(), logvar.grad.clone()
    mu.grad = None
    logvar.grad = None
    z = mu + eps * torch.exp(0.5 * logvar)
    dz = draw(batch, latent).detach()
    z.backward(dz)
    return dict(name=name, kind='vae', batch=batch, pixels=pixels, latent=latent,
                logits=flat(logits), target=flat(target), mean=flat(mu), logvar=flat(logvar),
                losses=[float(v) for v in per_image], dlogits=flat(dlogits), dmean=flat(dmu_loss), dlogvar=flat(dlogvar_loss),
                eps=flat(eps), z=flat(z), dz=flat(dz), dmeanSample=flat(mu.grad), dlogvarSample=flat(logvar.grad))


cases = [
    conv_case('conv-same-stride1', 2, 3, 2, 5, 6, 3, 1, 'same'),
    conv_case('conv-same-stride2-odd-pad', 2, 3, 2, 8, 8, 3, 2, 'same'),
    conv_case('conv-same-kernel4', 1, 2, 1, 6, 5, 4, 1, 'same'),
    conv_case('conv-valid-stride1', 3, 2, 2, 6, 6, 3, 1, 'valid'),
    conv_case('conv-valid-stride2', 2, 2, 1, 7, 7, 3, 2, 'valid'),
    maxpool_case('maxpool-ceil-7x7', 3, 7, 7),
    maxpool_case('maxpool-ceil-5x6', 2, 5, 6),
    upsample_case('upsample-2x', 2, 3, 4, 2),
    vae_case('vae-loss', 3, 10, 4),
]


def model_shapes(arch):
    # The layers of ../shared/peers/pytorch_convae.py, as it builds them, and the [channels, height,
    # width] after each convolution, pooling and up-sampling (activations change no shape).
    from torch import nn
    if arch == 'denoise':
        layers = [nn.Conv2d(1, 32, 3, padding=1), nn.MaxPool2d(2), nn.Conv2d(32, 32, 3, padding=1), nn.MaxPool2d(2),
                  nn.Conv2d(32, 32, 3, padding=1), nn.Upsample(scale_factor=2), nn.Conv2d(32, 32, 3, padding=1),
                  nn.Upsample(scale_factor=2), nn.Conv2d(32, 1, 3, padding=1)]
    else:
        layers = [nn.Conv2d(1, 16, 3, padding=1), nn.MaxPool2d(2), nn.Conv2d(16, 8, 3, padding=1), nn.MaxPool2d(2),
                  nn.Conv2d(8, 8, 3, padding=1), nn.MaxPool2d(2, ceil_mode=True),
                  nn.Conv2d(8, 8, 3, padding=1), nn.Upsample(scale_factor=2), nn.Conv2d(8, 8, 3, padding=1),
                  nn.Upsample(scale_factor=2), nn.Conv2d(8, 16, 3), nn.Upsample(scale_factor=2), nn.Conv2d(16, 1, 3, padding=1)]
    x, shapes = torch.zeros(1, 1, 28, 28), []
    with torch.no_grad():
        for layer in layers:
            x = layer(x)
            shapes.append(list(x.shape[1:]))
    return shapes


shapes = {arch: model_shapes(arch) for arch in ('small', 'denoise')}
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'tests', 'Golden', 'conv-layers.json')
with open(out, 'w') as f:
    json.dump(dict(generator='tools/conv-golden.py', torch=torch.__version__, cases=cases, modelShapes=shapes), f, separators=(',', ':'))
    f.write('\n')
print(f"wrote {len(cases)} cases to {out}")
