using System.Runtime.Intrinsics;

namespace Vectorized.Autoencoders.Kernels.Drivers;

// One operation at every width. An operator is a stateless readonly struct; the drivers are
// generic over it, so the JIT compiles one specialised loop per operator with no virtual calls.

/// <summary>f(x), element-wise.</summary>
internal interface IUnaryOperator
{
    static abstract float Invoke(float x);

    static abstract Vector128<float> Invoke(Vector128<float> x);

    static abstract Vector256<float> Invoke(Vector256<float> x);

    static abstract Vector512<float> Invoke(Vector512<float> x);
}

/// <summary>f(x, y), element-wise.</summary>
internal interface IBinaryOperator
{
    static abstract float Invoke(float x, float y);

    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);

    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}

/// <summary>f(x, y, z), element-wise.</summary>
internal interface ITernaryOperator
{
    static abstract float Invoke(float x, float y, float z);

    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z);

    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z);

    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z);
}

/// <summary>
/// An associative combine (the binary Invoke) with its identity, and the horizontal reduction of
/// one accumulator vector to a scalar.
/// </summary>
internal interface IAggregationOperator : IBinaryOperator
{
    static abstract float Identity { get; }

    static abstract float Reduce(Vector128<float> x);

    static abstract float Reduce(Vector256<float> x);

    static abstract float Reduce(Vector512<float> x);
}
