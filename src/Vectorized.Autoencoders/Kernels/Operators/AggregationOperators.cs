using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Drivers;

namespace Vectorized.Autoencoders.Kernels.Operators;

/// <summary>Addition, identity 0.</summary>
internal readonly struct SumAggregation : IAggregationOperator
{
    public static float Identity => 0f;

    public static float Invoke(float x, float y) => x + y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x + y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;

    public static float Reduce(Vector128<float> x) => Vector128.Sum(x);

    public static float Reduce(Vector256<float> x) => Vector256.Sum(x);

    public static float Reduce(Vector512<float> x) => Vector512.Sum(x);
}

/// <summary>Maximum, identity -inf; NaN wins (IEEE 754-2019 maximum, as MathF.Max and Vector*.Max do).</summary>
internal readonly struct MaxAggregation : IAggregationOperator
{
    public static float Identity => float.NegativeInfinity;

    public static float Invoke(float x, float y) => MathF.Max(x, y);

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);

    public static float Reduce(Vector128<float> x)
    {
        var m = MathF.Max(x.GetElement(0), x.GetElement(1));
        return MathF.Max(m, MathF.Max(x.GetElement(2), x.GetElement(3)));
    }

    public static float Reduce(Vector256<float> x) => Reduce(Vector128.Max(x.GetLower(), x.GetUpper()));

    public static float Reduce(Vector512<float> x) => Reduce(Vector256.Max(x.GetLower(), x.GetUpper()));
}
