using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Drivers;

namespace Vectorized.Autoencoders.Kernels.Operators;

// Backward forms take the activation's OUTPUT y (what the forward pass saved) and the output
// gradient dy, and give the input gradient dx.

/// <summary>dy where y &gt; 0, else 0.</summary>
internal readonly struct ReluBackwardOperator : IBinaryOperator
{
    public static float Invoke(float y, float dy) => y > 0f ? dy : 0f;

    public static Vector128<float> Invoke(Vector128<float> y, Vector128<float> dy) => dy & Vector128.GreaterThan(y, Vector128<float>.Zero);

    public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => dy & Vector256.GreaterThan(y, Vector256<float>.Zero);

    public static Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy) => dy & Vector512.GreaterThan(y, Vector512<float>.Zero);
}

/// <summary>dy where y &gt; 0, else slope * dy (a leaky relu's output has its input's sign).</summary>
internal readonly struct LeakyReluBackwardOperator : ITernaryOperator
{
    public static float Invoke(float y, float dy, float slope) => y > 0f ? dy : slope * dy;

    public static Vector128<float> Invoke(Vector128<float> y, Vector128<float> dy, Vector128<float> slope) => Vector128.ConditionalSelect(Vector128.GreaterThan(y, Vector128<float>.Zero), dy, dy * slope);

    public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy, Vector256<float> slope) => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), dy, dy * slope);

    public static Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy, Vector512<float> slope) => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), dy, dy * slope);
}

/// <summary>dy * y * (1 - y), built from the arithmetic operators.</summary>
internal readonly struct SigmoidBackwardOperator : IBinaryOperator
{
    public static float Invoke(float y, float dy) => MultiplyOperator.Invoke(dy, MultiplyOperator.Invoke(y, SubtractOperator.Invoke(1f, y)));

    public static Vector128<float> Invoke(Vector128<float> y, Vector128<float> dy) => MultiplyOperator.Invoke(dy, MultiplyOperator.Invoke(y, SubtractOperator.Invoke(Vector128<float>.One, y)));

    public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => MultiplyOperator.Invoke(dy, MultiplyOperator.Invoke(y, SubtractOperator.Invoke(Vector256<float>.One, y)));

    public static Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy) => MultiplyOperator.Invoke(dy, MultiplyOperator.Invoke(y, SubtractOperator.Invoke(Vector512<float>.One, y)));
}

/// <summary>dy * (1 - y^2), built from the arithmetic operators.</summary>
internal readonly struct TanhBackwardOperator : IBinaryOperator
{
    public static float Invoke(float y, float dy) => MultiplyOperator.Invoke(dy, SubtractOperator.Invoke(1f, SquareOperator.Invoke(y)));

    public static Vector128<float> Invoke(Vector128<float> y, Vector128<float> dy) => MultiplyOperator.Invoke(dy, SubtractOperator.Invoke(Vector128<float>.One, SquareOperator.Invoke(y)));

    public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => MultiplyOperator.Invoke(dy, SubtractOperator.Invoke(Vector256<float>.One, SquareOperator.Invoke(y)));

    public static Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy) => MultiplyOperator.Invoke(dy, SubtractOperator.Invoke(Vector512<float>.One, SquareOperator.Invoke(y)));
}

/// <summary>
/// dx + TOp(y, dy): a backward operator in the network's convention, where every backward ADDS to
/// the input gradient (zeroed once per step), so a tensor read by two layers needs no special code.
/// </summary>
internal readonly struct AccumulateOperator<TOp> : ITernaryOperator
    where TOp : IBinaryOperator
{
    public static float Invoke(float y, float dy, float dx) => dx + TOp.Invoke(y, dy);

    public static Vector128<float> Invoke(Vector128<float> y, Vector128<float> dy, Vector128<float> dx) => dx + TOp.Invoke(y, dy);

    public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy, Vector256<float> dx) => dx + TOp.Invoke(y, dy);

    public static Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy, Vector512<float> dx) => dx + TOp.Invoke(y, dy);
}

/// <summary><see cref="LeakyReluBackwardOperator"/> with Keras' default slope, as a two-input operator.</summary>
internal readonly struct KerasLeakyReluBackwardOperator : IBinaryOperator
{
    /// <summary>Keras' <c>LeakyReLU</c> default slope for negative inputs.</summary>
    public const float Slope = 0.3f;

    public static float Invoke(float y, float dy) => LeakyReluBackwardOperator.Invoke(y, dy, Slope);

    public static Vector128<float> Invoke(Vector128<float> y, Vector128<float> dy) => LeakyReluBackwardOperator.Invoke(y, dy, Vector128.Create(Slope));

    public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => LeakyReluBackwardOperator.Invoke(y, dy, Vector256.Create(Slope));

    public static Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy) => LeakyReluBackwardOperator.Invoke(y, dy, Vector512.Create(Slope));
}
