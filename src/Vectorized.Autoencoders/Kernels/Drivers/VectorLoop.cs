using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels.Drivers;

/// <summary>
/// The body of an element-wise loop with more operands or scalars than an operator takes,
/// written once over <see cref="IVectorOps{TVec}"/> (the width is a type argument) and once as a
/// scalar that rounds the same way, so every path gives the same bits.
/// </summary>
internal interface IVectorLoop
{
    /// <summary>Full vectors of one width from index 0; returns where the scalar remainder starts.</summary>
    nuint Vectors<TVec, TOps>(nuint n)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>;

    /// <summary>Element <paramref name="i"/>.</summary>
    void Scalar(nuint i);
}

/// <summary>
/// Runs an <see cref="IVectorLoop"/> at the widest width the path allows, then the scalar body
/// over the remainder. No overlapping tail (unlike the operator drivers): a body that adds into
/// its destination must touch each element once.
/// </summary>
internal static class VectorLoop
{
    public static void Run<TLoop>(ref TLoop loop, int n, Isa isa)
        where TLoop : IVectorLoop, allows ref struct
    {
        var count = (nuint)n;
        nuint i = 0;
        if (isa >= Isa.Avx512)
        {
            i = loop.Vectors<Vector512<float>, Vector512Ops>(count);
        }
        else if (isa >= Isa.Avx2)
        {
            i = loop.Vectors<Vector256<float>, Vector256Ops>(count);
        }
        else if (isa >= Isa.V128)
        {
            i = loop.Vectors<Vector128<float>, Vector128Ops>(count);
        }

        for (; i < count; i++)
        {
            loop.Scalar(i);
        }
    }
}
