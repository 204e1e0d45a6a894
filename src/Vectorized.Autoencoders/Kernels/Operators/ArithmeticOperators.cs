using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Drivers;

namespace Vectorized.Autoencoders.Kernels.Operators;

/// <summary>x + y.</summary>
internal readonly struct AddOperator : IBinaryOperator
{
    public static float Invoke(float x, float y) => x + y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x + y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;
}

/// <summary>x - y.</summary>
internal readonly struct SubtractOperator : IBinaryOperator
{
    public static float Invoke(float x, float y) => x - y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x - y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x - y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x - y;
}

/// <summary>x * y.</summary>
internal readonly struct MultiplyOperator : IBinaryOperator
{
    public static float Invoke(float x, float y) => x * y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x * y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x * y;
}

/// <summary>x * y + z with one rounding, so every path gives the same bits.</summary>
internal readonly struct MultiplyAddOperator : ITernaryOperator
{
    public static float Invoke(float x, float y, float z) => MathF.FusedMultiplyAdd(x, y, z);

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => Vector128.FusedMultiplyAdd(x, y, z);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => Vector256.FusedMultiplyAdd(x, y, z);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => Vector512.FusedMultiplyAdd(x, y, z);
}

/// <summary>
/// x * y + z with the product rounded before the add (two roundings, as the C# expression
/// <c>z + x * y</c> computes it): for sums whose bits predate the kernels (weight decay's gradient).
/// </summary>
internal readonly struct MultiplyThenAddOperator : ITernaryOperator
{
    public static float Invoke(float x, float y, float z) => z + (x * y);

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => z + (x * y);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => z + (x * y);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => z + (x * y);
}

/// <summary>x itself: the transform of a plain sum or max.</summary>
internal readonly struct IdentityOperator : IUnaryOperator
{
    public static float Invoke(float x) => x;

    public static Vector128<float> Invoke(Vector128<float> x) => x;

    public static Vector256<float> Invoke(Vector256<float> x) => x;

    public static Vector512<float> Invoke(Vector512<float> x) => x;
}

/// <summary>x * x.</summary>
internal readonly struct SquareOperator : IUnaryOperator
{
    public static float Invoke(float x) => x * x;

    public static Vector128<float> Invoke(Vector128<float> x) => x * x;

    public static Vector256<float> Invoke(Vector256<float> x) => x * x;

    public static Vector512<float> Invoke(Vector512<float> x) => x * x;
}

/// <summary>|x|.</summary>
internal readonly struct AbsOperator : IUnaryOperator
{
    public static float Invoke(float x) => MathF.Abs(x);

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Abs(x);

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Abs(x);

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Abs(x);
}

/// <summary>min(max(x, lower), upper); NaN stays NaN.</summary>
internal readonly struct ClampOperator : ITernaryOperator
{
    public static float Invoke(float x, float lower, float upper) => MathF.Min(MathF.Max(x, lower), upper);

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> lower, Vector128<float> upper) => Vector128.Min(Vector128.Max(x, lower), upper);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> lower, Vector256<float> upper) => Vector256.Min(Vector256.Max(x, lower), upper);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> lower, Vector512<float> upper) => Vector512.Min(Vector512.Max(x, lower), upper);
}

/// <summary>
/// z + y * sign(x), with sign(0) = 0: the gradient of an L1 penalty y * |x| (Keras' activity
/// regularizer) accumulated into z. Written as selects so it is exact on every path.
/// </summary>
internal readonly struct SignMultiplyAddOperator : ITernaryOperator
{
    public static float Invoke(float x, float y, float z) => x > 0f ? z + y : x < 0f ? z - y : z + 0f;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) =>
        z + (y & Vector128.GreaterThan(x, Vector128<float>.Zero)) - (y & Vector128.LessThan(x, Vector128<float>.Zero));

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) =>
        z + (y & Vector256.GreaterThan(x, Vector256<float>.Zero)) - (y & Vector256.LessThan(x, Vector256<float>.Zero));

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) =>
        z + (y & Vector512.GreaterThan(x, Vector512<float>.Zero)) - (y & Vector512.LessThan(x, Vector512<float>.Zero));
}
