"""The modules of ../shared/peers/pytorch_convae.py, for the tools that check vecae's convolutional
models against PyTorch (conv-torch-check.py, conv-torch-step-check.py, torch-rng-golden.py)."""
from torch import nn


class ConvAE(nn.Module):
    # The peer's enc and dec, verbatim from pytorch_convae.py.
    def __init__(s, arch):
        super().__init__()
        s.enc = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True))
        s.dec = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
                              nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
                              nn.Conv2d(8, 16, 3), nn.ReLU(), nn.Upsample(scale_factor=2),
                              nn.Conv2d(16, 1, 3, padding=1), nn.Sigmoid())
        if arch == 'denoise':
            s.enc = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                  nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
            s.dec = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
                                  nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
                                  nn.Conv2d(32, 1, 3, padding=1), nn.Sigmoid())

    def forward(s, x):
        return s.dec(s.enc(x))


def conv_layers(model):
    """The model's nn.Conv2d modules in the peer's order (enc, then dec): the order of its state dict."""
    return [m for m in list(model.enc) + list(model.dec) if isinstance(m, nn.Conv2d)]
