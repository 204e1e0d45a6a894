using System.Runtime.Intrinsics;

namespace Vectorized.Autoencoders.Simd;

/// <summary>
/// The vector operations a kernel written once for every width needs, as static members of a
/// struct per width (TensorPrimitives' pattern): the JIT specialises a generic kernel per struct,
/// so the code is the one it would be written by hand for that width.
/// </summary>
internal unsafe interface IVectorOps<TVec>
    where TVec : struct
{
    static abstract int Count { get; }

    static abstract TVec Create(float value);

    static abstract TVec Load(float* source);

    static abstract TVec LoadUnsafe(ref float origin, nuint index);

    static abstract void Store(TVec value, float* destination);

    static abstract void StoreUnsafe(TVec value, ref float origin, nuint index);

    static abstract TVec Add(TVec x, TVec y);

    static abstract TVec Subtract(TVec x, TVec y);

    static abstract TVec Multiply(TVec x, TVec y);

    static abstract TVec Divide(TVec x, TVec y);

    static abstract TVec Sqrt(TVec x);

    static abstract TVec FusedMultiplyAdd(TVec x, TVec y, TVec addend);

    static abstract TVec Min(TVec x, TVec y);

    static abstract TVec Max(TVec x, TVec y);

    static abstract TVec Abs(TVec x);

    static abstract TVec Negate(TVec x);

    /// <summary>All bits set in lanes where x &gt;= y.</summary>
    static abstract TVec GreaterThanOrEqual(TVec x, TVec y);

    /// <summary>All bits set in lanes where x &lt;= y.</summary>
    static abstract TVec LessThanOrEqual(TVec x, TVec y);

    /// <summary>All bits set in lanes where x &gt; y (false when either is NaN).</summary>
    static abstract TVec GreaterThan(TVec x, TVec y);

    /// <summary>All bits set in lanes that hold a NaN.</summary>
    static abstract TVec IsNaN(TVec x);

    static abstract TVec BitwiseOr(TVec x, TVec y);

    static abstract TVec ConditionalSelect(TVec mask, TVec whenSet, TVec whenClear);

    static abstract TVec BitwiseAnd(TVec x, TVec y);

    static abstract float Sum(TVec x);
}

internal readonly unsafe struct Vector128Ops : IVectorOps<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Create(float value) => Vector128.Create(value);

    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    public static Vector128<float> LoadUnsafe(ref float origin, nuint index) => Vector128.LoadUnsafe(ref origin, index);

    public static void Store(Vector128<float> value, float* destination) => Vector128.Store(value, destination);

    public static void StoreUnsafe(Vector128<float> value, ref float origin, nuint index) => value.StoreUnsafe(ref origin, index);

    public static Vector128<float> Add(Vector128<float> x, Vector128<float> y) => x + y;

    public static Vector128<float> Subtract(Vector128<float> x, Vector128<float> y) => x - y;

    public static Vector128<float> Multiply(Vector128<float> x, Vector128<float> y) => x * y;

    public static Vector128<float> Divide(Vector128<float> x, Vector128<float> y) => x / y;

    public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);

    public static Vector128<float> FusedMultiplyAdd(Vector128<float> x, Vector128<float> y, Vector128<float> addend) => Vector128.FusedMultiplyAdd(x, y, addend);

    public static Vector128<float> Min(Vector128<float> x, Vector128<float> y) => Vector128.Min(x, y);

    public static Vector128<float> Max(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);

    public static Vector128<float> Negate(Vector128<float> x) => -x;

    public static Vector128<float> GreaterThanOrEqual(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThanOrEqual(x, y);

    public static Vector128<float> LessThanOrEqual(Vector128<float> x, Vector128<float> y) => Vector128.LessThanOrEqual(x, y);

    public static Vector128<float> ConditionalSelect(Vector128<float> mask, Vector128<float> whenSet, Vector128<float> whenClear) => Vector128.ConditionalSelect(mask, whenSet, whenClear);

    public static Vector128<float> BitwiseAnd(Vector128<float> x, Vector128<float> y) => x & y;

    public static Vector128<float> GreaterThan(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThan(x, y);

    public static Vector128<float> IsNaN(Vector128<float> x) => Vector128.IsNaN(x);

    public static Vector128<float> BitwiseOr(Vector128<float> x, Vector128<float> y) => x | y;

    public static float Sum(Vector128<float> x) => Vector128.Sum(x);
}

internal readonly unsafe struct Vector256Ops : IVectorOps<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Create(float value) => Vector256.Create(value);

    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    public static Vector256<float> LoadUnsafe(ref float origin, nuint index) => Vector256.LoadUnsafe(ref origin, index);

    public static void Store(Vector256<float> value, float* destination) => Vector256.Store(value, destination);

    public static void StoreUnsafe(Vector256<float> value, ref float origin, nuint index) => value.StoreUnsafe(ref origin, index);

    public static Vector256<float> Add(Vector256<float> x, Vector256<float> y) => x + y;

    public static Vector256<float> Subtract(Vector256<float> x, Vector256<float> y) => x - y;

    public static Vector256<float> Multiply(Vector256<float> x, Vector256<float> y) => x * y;

    public static Vector256<float> Divide(Vector256<float> x, Vector256<float> y) => x / y;

    public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);

    public static Vector256<float> FusedMultiplyAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) => Vector256.FusedMultiplyAdd(x, y, addend);

    public static Vector256<float> Min(Vector256<float> x, Vector256<float> y) => Vector256.Min(x, y);

    public static Vector256<float> Max(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);

    public static Vector256<float> Negate(Vector256<float> x) => -x;

    public static Vector256<float> GreaterThanOrEqual(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThanOrEqual(x, y);

    public static Vector256<float> LessThanOrEqual(Vector256<float> x, Vector256<float> y) => Vector256.LessThanOrEqual(x, y);

    public static Vector256<float> ConditionalSelect(Vector256<float> mask, Vector256<float> whenSet, Vector256<float> whenClear) => Vector256.ConditionalSelect(mask, whenSet, whenClear);

    public static Vector256<float> BitwiseAnd(Vector256<float> x, Vector256<float> y) => x & y;

    public static Vector256<float> GreaterThan(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, y);

    public static Vector256<float> IsNaN(Vector256<float> x) => Vector256.IsNaN(x);

    public static Vector256<float> BitwiseOr(Vector256<float> x, Vector256<float> y) => x | y;

    public static float Sum(Vector256<float> x) => Vector256.Sum(x);
}

internal readonly unsafe struct Vector512Ops : IVectorOps<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Create(float value) => Vector512.Create(value);

    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    public static Vector512<float> LoadUnsafe(ref float origin, nuint index) => Vector512.LoadUnsafe(ref origin, index);

    public static void Store(Vector512<float> value, float* destination) => Vector512.Store(value, destination);

    public static void StoreUnsafe(Vector512<float> value, ref float origin, nuint index) => value.StoreUnsafe(ref origin, index);

    public static Vector512<float> Add(Vector512<float> x, Vector512<float> y) => x + y;

    public static Vector512<float> Subtract(Vector512<float> x, Vector512<float> y) => x - y;

    public static Vector512<float> Multiply(Vector512<float> x, Vector512<float> y) => x * y;

    public static Vector512<float> Divide(Vector512<float> x, Vector512<float> y) => x / y;

    public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);

    public static Vector512<float> FusedMultiplyAdd(Vector512<float> x, Vector512<float> y, Vector512<float> addend) => Vector512.FusedMultiplyAdd(x, y, addend);

    public static Vector512<float> Min(Vector512<float> x, Vector512<float> y) => Vector512.Min(x, y);

    public static Vector512<float> Max(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);

    public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);

    public static Vector512<float> Negate(Vector512<float> x) => -x;

    public static Vector512<float> GreaterThanOrEqual(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThanOrEqual(x, y);

    public static Vector512<float> LessThanOrEqual(Vector512<float> x, Vector512<float> y) => Vector512.LessThanOrEqual(x, y);

    public static Vector512<float> ConditionalSelect(Vector512<float> mask, Vector512<float> whenSet, Vector512<float> whenClear) => Vector512.ConditionalSelect(mask, whenSet, whenClear);

    public static Vector512<float> BitwiseAnd(Vector512<float> x, Vector512<float> y) => x & y;

    public static Vector512<float> GreaterThan(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, y);

    public static Vector512<float> IsNaN(Vector512<float> x) => Vector512.IsNaN(x);

    public static Vector512<float> BitwiseOr(Vector512<float> x, Vector512<float> y) => x | y;

    public static float Sum(Vector512<float> x) => Vector512.Sum(x);
}
