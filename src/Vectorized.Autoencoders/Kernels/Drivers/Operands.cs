using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Vectorized.Autoencoders.Kernels.Drivers;

/// <summary>
/// How a driver reads one of its inputs at element <c>i</c>: a span read element by element, or a
/// scalar (passed as a one-element span) broadcast to every lane. Being a type parameter, the
/// choice costs nothing in the loop, and one driver per arity serves <c>x * y</c> and <c>x * s</c>.
/// </summary>
internal interface IOperand
{
    /// <summary>True when the operand is one value broadcast, so its span has length 1.</summary>
    static abstract bool IsScalar { get; }

    static abstract float Load(ref float origin, nuint i);

    static abstract Vector128<float> Load128(ref float origin, nuint i);

    static abstract Vector256<float> Load256(ref float origin, nuint i);

    static abstract Vector512<float> Load512(ref float origin, nuint i);
}

/// <summary>An operand read element by element.</summary>
internal readonly struct Elements : IOperand
{
    public static bool IsScalar => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float origin, nuint i) => Unsafe.Add(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load128(ref float origin, nuint i) => Vector128.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load256(ref float origin, nuint i) => Vector256.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load512(ref float origin, nuint i) => Vector512.LoadUnsafe(ref origin, i);
}

/// <summary>One value broadcast to every element.</summary>
internal readonly struct Broadcast : IOperand
{
    public static bool IsScalar => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float origin, nuint i) => origin;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load128(ref float origin, nuint i) => Vector128.Create(origin);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load256(ref float origin, nuint i) => Vector256.Create(origin);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load512(ref float origin, nuint i) => Vector512.Create(origin);
}
