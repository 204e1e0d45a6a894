namespace Vectorized.Autoencoders.Simd;

/// <summary>
/// <see cref="IVectorOps{TVec}"/> one float wide: the scalar path of a kernel written once over the
/// vector width, so that path runs the very loops the vector paths run, a lane at a time.
/// </summary>
internal readonly unsafe struct ScalarOps : IVectorOps<float>
{
    public static int Count => 1;

    public static float Create(float value) => value;

    public static float Load(float* source) => *source;

    public static float LoadUnsafe(ref float origin, nuint index) => System.Runtime.CompilerServices.Unsafe.Add(ref origin, index);

    public static void Store(float value, float* destination) => *destination = value;

    public static void StoreUnsafe(float value, ref float origin, nuint index) => System.Runtime.CompilerServices.Unsafe.Add(ref origin, index) = value;

    public static float Add(float x, float y) => x + y;

    public static float Subtract(float x, float y) => x - y;

    public static float Multiply(float x, float y) => x * y;

    public static float Divide(float x, float y) => x / y;

    public static float Sqrt(float x) => MathF.Sqrt(x);

    public static float FusedMultiplyAdd(float x, float y, float addend) => MathF.FusedMultiplyAdd(x, y, addend);

    public static float Min(float x, float y) => MathF.Min(x, y);

    public static float Max(float x, float y) => MathF.Max(x, y);

    public static float Abs(float x) => MathF.Abs(x);

    public static float Negate(float x) => -x;

    public static float GreaterThanOrEqual(float x, float y) => x >= y ? AllBits : 0f;

    public static float LessThanOrEqual(float x, float y) => x <= y ? AllBits : 0f;

    public static float ConditionalSelect(float mask, float whenSet, float whenClear) =>
        BitConverter.SingleToInt32Bits(mask) != 0 ? whenSet : whenClear;

    public static float BitwiseAnd(float x, float y) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & BitConverter.SingleToInt32Bits(y));

    public static float GreaterThan(float x, float y) => x > y ? AllBits : 0f;

    public static float IsNaN(float x) => float.IsNaN(x) ? AllBits : 0f;

    public static float BitwiseOr(float x, float y) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) | BitConverter.SingleToInt32Bits(y));

    public static float Sum(float x) => x;

    private static float AllBits => BitConverter.Int32BitsToSingle(-1);
}
