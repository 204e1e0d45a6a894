"""OpenBLAS SGEMM through numpy, timed by this process's CPU time instead of the wall clock.

The peer script ../shared/peers/sgemm_numpy.py times the wall clock, which on a machine shared
with other busy processes measures the scheduler as much as the BLAS. CPU time per thread
(time.process_time / threads) barely moves with other processes' load, so the ratio against
`vecae bench gemm --cpu-time` stays meaningful there. Same shapes and output format as the peer.
Usage: OPENBLAS_NUM_THREADS=1 python3 sgemm_numpy_cputime.py"""
import os, time, numpy as np

threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "1"))

def gflops(m, k, n, samples=3):
    a = np.random.rand(m, k).astype(np.float32); b = np.random.rand(k, n).astype(np.float32)
    t = time.perf_counter()
    while time.perf_counter() - t < 0.3:  # warm-up, as vecae bench gemm does
        c = a @ b
    reps = max(3, int(2e10 / (2 * m * k * n)))  # the peer's repetitions and its 3 samples
    best = 1e9
    for _ in range(samples):
        p = time.process_time()
        for _ in range(reps): c = a @ b
        best = min(best, (time.process_time() - p) / threads / reps)
    return 2 * m * k * n / best / 1e9

for (m, k, n) in [(1024, 1024, 1024), (2048, 2048, 2048),
                  (32, 784, 128), (256, 784, 128), (256, 128, 784), (784, 256, 128)]:
    print(f"sgemm {m}x{k}x{n}: {gflops(m, k, n):7.1f} GFLOP/s")
