using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Gemm;

/// <summary>
/// The vector paths' arithmetic, stated element by element: each C element sums its products in k
/// order with fused multiply-adds from zero within each Kc block (<see cref="SgemmPaths.KcStep"/>),
/// then folds the block into C as alpha * sum + beta * C (one fused multiply-add; alpha * sum when
/// beta is 0, and beta 1 after the first block). With k or alpha 0, C is only scaled by beta. Whichever way the driver cuts C into full tiles,
/// edge rows and edge columns, the bits must be these: the model files and the recorded losses rest
/// on them.
/// </summary>
public class SgemmExactArithmeticTests
{
    private static readonly Isa[] VectorPaths = [.. SgemmTests.Paths.Where(isa => isa >= Isa.V128)];

    [Property(MaxTest = 60)]
    public Property EveryVectorPathHasTheStatedBits() => Prop.ForAll(SgemmCase.Arbitrary, t =>
    {
        foreach (var isa in VectorPaths)
        {
            var expected = Expected(t, Sgemm.KcMax(isa));
            var actual = t.Run(isa, threads: 1);
            for (var i = 0; i < t.M; i++)
            {
                for (var j = 0; j < t.N; j++)
                {
                    var at = (i * t.Ldc) + j;
                    Assert.True(
                        BitConverter.SingleToInt32Bits(expected[at]) == BitConverter.SingleToInt32Bits(actual[at]),
                        $"{t} on {isa}: C[{i}, {j}] is {actual[at]:R}, the stated arithmetic gives {expected[at]:R}");
                }
            }
        }
    });

    private static float[] Expected(SgemmCase t, int kcMax)
    {
        var a = t.NewA();
        var b = t.NewB();
        var c = t.NewC();
        var step = SgemmPaths.KcStep(t.K, kcMax);
        for (var i = 0; i < t.M; i++)
        {
            for (var j = 0; j < t.N; j++)
            {
                var at = (i * t.Ldc) + j;
                if (t.K == 0 || t.Alpha == 0f)
                {
                    // Nothing to add: C is only scaled.
                    c[at] = t.Beta == 0f ? 0f : c[at] * t.Beta;
                    continue;
                }

                for (var pc = 0; pc < t.K; pc += step)
                {
                    var sum = 0f;
                    for (var p = pc; p < Math.Min(t.K, pc + step); p++)
                    {
                        var aip = t.TransA ? a[(p * t.Lda) + i] : a[(i * t.Lda) + p];
                        var bpj = t.TransB ? b[(j * t.Ldb) + p] : b[(p * t.Ldb) + j];
                        sum = MathF.FusedMultiplyAdd(aip, bpj, sum);
                    }

                    var beta = pc == 0 ? t.Beta : 1f;
                    c[at] = beta == 0f ? sum * t.Alpha : MathF.FusedMultiplyAdd(sum, t.Alpha, beta * c[at]);
                }
            }
        }

        return c;
    }
}
