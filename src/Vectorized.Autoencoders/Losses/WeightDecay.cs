using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// L2 weight decay as a loss term: lambda * sum W^2 over every layer's weights (not its biases),
/// Keras' <c>kernel_regularizer=l2(lambda)</c>. Its gradient 2 lambda W is added to the weights' gradients.
/// </summary>
internal static class WeightDecay
{
    /// <summary>Adds 2 lambda W to the weights' gradients and returns lambda * sum W^2.</summary>
    // parameters, gradients: [parameterCount], each layer's weights at its ParameterOffset
    public static double ForwardBackward(IReadOnlyList<DenseLayer> layers, ReadOnlySpan<float> parameters, float lambda, Span<float> gradients)
    {
        // 2 lambda is exact, so each gradient is rounded as the scalar g += 2f * lambda * w always was.
        var twoLambda = 2f * lambda;
        foreach (var layer in layers)
        {
            var count = layer.OutputSize * layer.InputSize;
            ElementWise.AddScaledRounded(parameters.Slice(layer.ParameterOffset, count), twoLambda, gradients.Slice(layer.ParameterOffset, count));
        }

        return Penalty(layers, parameters, lambda);
    }

    /// <summary>lambda * sum W^2, without gradients (evaluation): one running sum over the layers in order.</summary>
    // parameters: [parameterCount]
    public static double Penalty(IReadOnlyList<DenseLayer> layers, ReadOnlySpan<float> parameters, float lambda)
    {
        var sum = 0.0;
        foreach (var layer in layers)
        {
            sum = OrderedSums.SumOfSquares(parameters.Slice(layer.ParameterOffset, layer.OutputSize * layer.InputSize), sum);
        }

        return lambda * sum;
    }
}
