using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Tests.Kernels;

namespace Vectorized.Autoencoders.Tests.Gemm;

/// <summary>
/// Packing's transpose (<see cref="RowInterleave"/>) gives the same panel on every path, at
/// sizes around the 8 x 8 and 4 x 4 blocks, and a path narrower than AVX2 (VECAE_ISA=scalar or
/// v128) never takes the AVX transposes.
/// </summary>
public class RowInterleaveTests
{
    [Fact]
    public void ScalarAndV128PathsDoNotPackWithAvx()
    {
        Assert.False(RowInterleave.UsesAvxTransposes(Isa.Scalar));
        Assert.False(RowInterleave.UsesAvxTransposes(Isa.V128));
    }

    [Fact]
    public void EveryPathPacksTheTransposeWithZeroPadding()
    {
        var rng = new Random(11);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            foreach (var (rows, kc, width) in new[] { (1, 1, 4), (3, 5, 4), (4, 4, 4), (6, 17, 6), (8, 8, 8), (12, 19, 16), (13, 33, 16), (16, 64, 16) })
            {
                const int Ld = 70;
                var src = Enumerable.Range(0, rows * Ld).Select(_ => (float)rng.NextDouble()).ToArray();
                var dst = Enumerable.Repeat(float.NaN, kc * width).ToArray();
                unsafe
                {
                    fixed (float* s = src, d = dst)
                    {
                        RowInterleave.Pack(s, Ld, rows, kc, width, d, isa);
                    }
                }

                for (var p = 0; p < kc; p++)
                {
                    for (var c = 0; c < width; c++)
                    {
                        var expected = c < rows ? src[(c * Ld) + p] : 0f;
                        Assert.True(expected.Equals(dst[(p * width) + c]), $"{isa}, {rows} rows x {kc} deep into {width}: element [{p}, {c}] is {dst[(p * width) + c]}, expected {expected}");
                    }
                }
            }
        }
    }
}
