using System.Runtime.Intrinsics;

namespace Vectorized.Autoencoders.Kernels.Operators;

/// <summary>
/// The two transcendental operators of a cross-entropy from logits at one vector width: e^x for the
/// x = -|z| it feeds them, and ln(1 + x) for x in [0, 1]. A kernel written once over this interface
/// gets each width's pair inlined.
/// </summary>
internal interface IExpAndLog1p<TVec>
{
    static abstract TVec Exp(TVec x);

    static abstract TVec Log1pOfUnit(TVec x);
}

/// <summary>The clipped (Keras) cross-entropy's pair: the library's vector Exp and the atanh series.</summary>
internal readonly struct FastExpAndLog1p128 : IExpAndLog1p<Vector128<float>>
{
    public static Vector128<float> Exp(Vector128<float> x) => ExpOperator.Invoke(x);

    public static Vector128<float> Log1pOfUnit(Vector128<float> x) => Log1pOfUnitOperator.Invoke(x);
}

/// <inheritdoc cref="FastExpAndLog1p128"/>
internal readonly struct FastExpAndLog1p256 : IExpAndLog1p<Vector256<float>>
{
    public static Vector256<float> Exp(Vector256<float> x) => ExpOperator.Invoke(x);

    public static Vector256<float> Log1pOfUnit(Vector256<float> x) => Log1pOfUnitOperator.Invoke(x);
}

/// <inheritdoc cref="FastExpAndLog1p128"/>
internal readonly struct FastExpAndLog1p512 : IExpAndLog1p<Vector512<float>>
{
    public static Vector512<float> Exp(Vector512<float> x) => ExpOperator.Invoke(x);

    public static Vector512<float> Log1pOfUnit(Vector512<float> x) => Log1pOfUnitOperator.Invoke(x);
}

/// <summary>The unclipped (PyTorch) cross-entropy's pair: <see cref="LibmExpLog"/>, the bits of MathF.Exp and float.LogP1.</summary>
internal readonly struct LibmExpAndLog1p128 : IExpAndLog1p<Vector128<float>>
{
    public static Vector128<float> Exp(Vector128<float> x) => LibmExpLog.ExpOfNonPositive(x);

    public static Vector128<float> Log1pOfUnit(Vector128<float> x) => LibmExpLog.Log1pOfUnit(x);
}

/// <inheritdoc cref="LibmExpAndLog1p128"/>
internal readonly struct LibmExpAndLog1p256 : IExpAndLog1p<Vector256<float>>
{
    public static Vector256<float> Exp(Vector256<float> x) => LibmExpLog.ExpOfNonPositive(x);

    public static Vector256<float> Log1pOfUnit(Vector256<float> x) => LibmExpLog.Log1pOfUnit(x);
}

/// <inheritdoc cref="LibmExpAndLog1p128"/>
internal readonly struct LibmExpAndLog1p512 : IExpAndLog1p<Vector512<float>>
{
    public static Vector512<float> Exp(Vector512<float> x) => LibmExpLog.ExpOfNonPositive(x);

    public static Vector512<float> Log1pOfUnit(Vector512<float> x) => LibmExpLog.Log1pOfUnit(x);
}
