"""The files the tools/ checks read, in one place: MNIST's IDX files (raw or .gz) and vecae's
safetensors models (F32 tensors and the string metadata). Imported by the scripts beside it."""
import gzip, json, os, struct
import numpy as np


def idx(folder, name):
    """An IDX file of FOLDER as a uint8 array of its dimensions (NAME, or NAME.gz when only that exists)."""
    path = os.path.join(folder, name)
    raw = (open(path, 'rb') if os.path.exists(path) else gzip.open(path + '.gz', 'rb')).read()
    nd = raw[3]; dims = struct.unpack('>' + 'I' * nd, raw[4:4 + 4 * nd])
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * nd).reshape(dims)


def read_safetensors(path):
    """(tensors by name as torch tensors, metadata) of a vecae safetensors file; every tensor must be F32."""
    import torch
    raw = open(path, 'rb').read()
    n = struct.unpack('<Q', raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop('__metadata__', {})
    tensors = {}
    for name, info in header.items():
        assert info['dtype'] == 'F32', name
        start, end = info['data_offsets']
        tensors[name] = torch.from_numpy(np.frombuffer(raw, np.float32, (end - start) // 4, 8 + n + start).copy()).reshape(info['shape'])
    return tensors, meta
