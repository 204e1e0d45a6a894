using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Drivers;

namespace Vectorized.Autoencoders.Kernels.Operators;

// .NET 9+ ships vectorised float Exp and Log on Vector128/256/512 (range reduction plus a
// polynomial, written over the vector API, so accelerated wherever the width is). They are
// within a few ulp of the exact result and handle overflow (+inf), underflow (0), 0 and NaN.

/// <summary>e^x.</summary>
internal readonly struct ExpOperator : IUnaryOperator
{
    public static float Invoke(float x) => MathF.Exp(x);

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Exp(x);

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x);

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x);
}

/// <summary>ln(x); -inf at 0, NaN below.</summary>
internal readonly struct LogOperator : IUnaryOperator
{
    public static float Invoke(float x) => MathF.Log(x);

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Log(x);

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Log(x);

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Log(x);
}
