"""Writes the exact input matrix the scikit-learn t-SNE peer embeds (shared/peers/tsne_sklearn.py):
the first N MNIST test images / 255 reduced to 32-D by PCA(32, random_state=0), as float32.
Outputs OUT.npy (for the peer's --codes) and OUT.idx (f32 IDX, for vecae tsne --input), plus
OUT-labels.idx, so both programs embed the same bytes.
Usage: python3 tools/tsne-pca32.py MNIST_DIR OUT [--n 10000] [--train]  (--train: 70,000 = train + test)"""
import argparse, gzip, os, struct
import numpy as np
from sklearn.decomposition import PCA
from vecae_files import idx

p = argparse.ArgumentParser(); p.add_argument('data'); p.add_argument('out')
p.add_argument('--n', type=int, default=10000); p.add_argument('--train', action='store_true')
a = p.parse_args()

images, labels = idx(a.data, 't10k-images-idx3-ubyte'), idx(a.data, 't10k-labels-idx1-ubyte')
if a.train:
    images = np.concatenate([idx(a.data, 'train-images-idx3-ubyte'), images])
    labels = np.concatenate([idx(a.data, 'train-labels-idx1-ubyte'), labels])
n = min(a.n, len(labels)) if not a.train else len(labels)
y = labels[:n]
# The same call the peer makes, so the matrices are identical.
x = PCA(32, random_state=0).fit_transform(images[:n].reshape(n, -1) / 255.0).astype(np.float32)
np.save(a.out + '.npy', x)
with open(a.out + '.idx', 'wb') as f:
    f.write(bytes([0, 0, 0x0D, 2]) + struct.pack('>II', *x.shape) + x.astype('>f4').tobytes())
with open(a.out + '-labels.idx', 'wb') as f:
    f.write(bytes([0, 0, 0x08, 1]) + struct.pack('>I', n) + y.astype(np.uint8).tobytes())
print(f"wrote {a.out}.npy/.idx [{n}, 32] and {a.out}-labels.idx")
