using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// A penalty on a layer's output added to the loss, like Keras' <c>activity_regularizer</c>.
/// Keras 2.0 (and the article) adds lambda * sum over the WHOLE batch, not divided by the batch size;
/// that is the default. <see cref="PerSample"/> divides by the batch size, as later tf.keras does.
/// </summary>
/// <param name="L1">lambda of sum |a|.</param>
/// <param name="L2">lambda of sum a^2.</param>
/// <param name="PerSample">Divide the penalty by the batch size.</param>
public readonly record struct ActivityRegularizer(float L1, float L2 = 0f, bool PerSample = false) : ILossTerm
{
    public bool IsActive => L1 != 0f || L2 != 0f;

    /// <summary>The penalty of a batch; in training the scale is a float, as the step has always computed it.</summary>
    // a: [batch, units]
    public double Forward(ReadOnlySpan<float> a, int batch, bool training)
    {
        if (!training)
        {
            return Penalty(a, batch);
        }

        var scale = PerSample ? 1f / batch : 1f;
        var (sumAbs, sumSq) = Sums(a);
        return (L1 * sumAbs + L2 * sumSq) * scale;
    }

    /// <summary>ADDS the penalty's gradient to da.</summary>
    // a, da: [batch, units]
    public void Backward(ReadOnlySpan<float> a, int batch, Span<float> da)
    {
        var scale = PerSample ? 1f / batch : 1f;
        ActivityPenaltyKernel.AddGradient(a, L1 * scale, 2f * L2 * scale, da);
    }

    /// <summary>The penalty of a batch, without gradients.</summary>
    // a: [batch, units]
    public double Penalty(ReadOnlySpan<float> a, int batch)
    {
        var scale = PerSample ? 1.0 / batch : 1.0;
        var (sumAbs, sumSq) = Sums(a);
        return (L1 * sumAbs + L2 * sumSq) * scale;
    }

    // a: [n]
    private static (double SumAbs, double SumSquares) Sums(ReadOnlySpan<float> a) =>
        (OrderedSums.SumOfMagnitudes(a), OrderedSums.SumOfSquares(a));
}
