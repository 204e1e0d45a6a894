using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Drivers;

namespace Vectorized.Autoencoders.Kernels.Operators;

// .NET 9+ ships vectorised float Exp and Log on Vector128/256/512 (range reduction plus a
// polynomial, written over the vector API, so accelerated wherever the width is). They are
// within a few ulp of the exact result and handle overflow (+inf), underflow (0), 0 and NaN.

/// <summary>e^x: the library's vector Exp, bit for bit, inlined (<see cref="VectorExp"/>).</summary>
internal readonly struct ExpOperator : IUnaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x) => MathF.Exp(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x) => VectorExp.Exp(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x) => VectorExp.Exp(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x) => VectorExp.Exp(x);
}

/// <summary>ln(x); -inf at 0, NaN below.</summary>
internal readonly struct LogOperator : IUnaryOperator
{
    public static float Invoke(float x) => MathF.Log(x);

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Log(x);

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Log(x);

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Log(x);
}

/// <summary>
/// ln(1 + x) for x in [0, 1] only: the softplus term ln(1 + e^-|z|) of the cross-entropy. On that
/// interval no exponent has to be split off: with s = x / (2 + x) in [0, 1/3],
/// ln(1 + x) = 2 atanh(s) = 2 s (1 + s^2/3 + s^4/5 + ...), and eight terms leave a truncation error
/// under 2e-9 relative, below float's rounding. One division and nine multiply-adds, inlined,
/// against the general vector logarithm that took two thirds of the loss kernel's time. Inlining is
/// forced because NativeAOT, without the JIT's profile, otherwise calls it and passes the vectors
/// through memory.
/// </summary>
internal readonly struct Log1pOfUnitOperator : IUnaryOperator
{
    // 1/15, 1/13, ..., 1/3: the atanh series' coefficients, highest first for Horner's rule.
    private const float C15 = 1f / 15, C13 = 1f / 13, C11 = 1f / 11, C9 = 1f / 9, C7 = 1f / 7, C5 = 1f / 5, C3 = 1f / 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x)
    {
        var s = x / (2f + x);
        var s2 = s * s;
        var p = MathF.FusedMultiplyAdd(C15, s2, C13);
        p = MathF.FusedMultiplyAdd(p, s2, C11);
        p = MathF.FusedMultiplyAdd(p, s2, C9);
        p = MathF.FusedMultiplyAdd(p, s2, C7);
        p = MathF.FusedMultiplyAdd(p, s2, C5);
        p = MathF.FusedMultiplyAdd(p, s2, C3);
        p = MathF.FusedMultiplyAdd(p, s2, 1f);
        return 2f * s * p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x)
    {
        var s = x / (Vector128.Create(2f) + x);
        var s2 = s * s;
        var p = Vector128.FusedMultiplyAdd(Vector128.Create(C15), s2, Vector128.Create(C13));
        p = Vector128.FusedMultiplyAdd(p, s2, Vector128.Create(C11));
        p = Vector128.FusedMultiplyAdd(p, s2, Vector128.Create(C9));
        p = Vector128.FusedMultiplyAdd(p, s2, Vector128.Create(C7));
        p = Vector128.FusedMultiplyAdd(p, s2, Vector128.Create(C5));
        p = Vector128.FusedMultiplyAdd(p, s2, Vector128.Create(C3));
        p = Vector128.FusedMultiplyAdd(p, s2, Vector128<float>.One);
        return Vector128.Create(2f) * s * p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x)
    {
        var s = x / (Vector256.Create(2f) + x);
        var s2 = s * s;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(C15), s2, Vector256.Create(C13));
        p = Vector256.FusedMultiplyAdd(p, s2, Vector256.Create(C11));
        p = Vector256.FusedMultiplyAdd(p, s2, Vector256.Create(C9));
        p = Vector256.FusedMultiplyAdd(p, s2, Vector256.Create(C7));
        p = Vector256.FusedMultiplyAdd(p, s2, Vector256.Create(C5));
        p = Vector256.FusedMultiplyAdd(p, s2, Vector256.Create(C3));
        p = Vector256.FusedMultiplyAdd(p, s2, Vector256<float>.One);
        return Vector256.Create(2f) * s * p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x)
    {
        var s = x / (Vector512.Create(2f) + x);
        var s2 = s * s;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(C15), s2, Vector512.Create(C13));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(C11));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(C9));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(C7));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(C5));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(C3));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512<float>.One);
        return Vector512.Create(2f) * s * p;
    }
}
