using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Drivers;

namespace Vectorized.Autoencoders.Kernels.Operators;

/// <summary>max(x, 0), written as a mask so NaN and -0 map to +0 on every path, as the scalar form does.</summary>
internal readonly struct ReluOperator : IUnaryOperator
{
    public static float Invoke(float x) => x > 0f ? x : 0f;

    public static Vector128<float> Invoke(Vector128<float> x) => x & Vector128.GreaterThan(x, Vector128<float>.Zero);

    public static Vector256<float> Invoke(Vector256<float> x) => x & Vector256.GreaterThan(x, Vector256<float>.Zero);

    public static Vector512<float> Invoke(Vector512<float> x) => x & Vector512.GreaterThan(x, Vector512<float>.Zero);
}

/// <summary>x where x &gt; 0, else slope * x.</summary>
internal readonly struct LeakyReluOperator : IBinaryOperator
{
    public static float Invoke(float x, float slope) => x > 0f ? x : slope * x;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> slope) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * slope);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> slope) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * slope);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> slope) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * slope);
}

/// <summary>
/// 1 / (1 + exp(-x)). Stable for large |x| without a branch: exp(-x) overflows to +inf for
/// x &lt; -88.7, and 1 / inf is the correct 0; for large x exp(-x) underflows to 0 and gives 1.
/// </summary>
internal readonly struct SigmoidOperator : IUnaryOperator
{
    public static float Invoke(float x) => 1f / (1f + MathF.Exp(-x));

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128<float>.One / (Vector128<float>.One + ExpOperator.Invoke(-x));

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + ExpOperator.Invoke(-x));

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + ExpOperator.Invoke(-x));
}
