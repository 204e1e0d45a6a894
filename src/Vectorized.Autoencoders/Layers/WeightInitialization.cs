using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Layers;

/// <summary>Fills a weight matrix from the model's seeded generator, so a seed fixes the initial model.</summary>
internal static class WeightInitialization
{
    public static Initializer Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "glorot_uniform" or "glorot-uniform" or "xavier_uniform" or "keras" => Initializer.GlorotUniform,
        "glorot_normal" or "glorot-normal" or "xavier_normal" => Initializer.GlorotNormal,
        "he_uniform" or "he-uniform" or "kaiming_uniform" => Initializer.HeUniform,
        "he_normal" or "he-normal" or "kaiming_normal" => Initializer.HeNormal,
        "torch" or "torch_uniform" => Initializer.TorchUniform,
        _ => throw new ArgumentException($"Unknown initializer '{name}'; expected glorot_uniform, glorot_normal, he_uniform, he_normal or torch."),
    };

    public static string Name(Initializer initializer) => initializer switch
    {
        Initializer.GlorotUniform => "glorot_uniform",
        Initializer.GlorotNormal => "glorot_normal",
        Initializer.HeUniform => "he_uniform",
        Initializer.HeNormal => "he_normal",
        Initializer.TorchUniform => "torch",
        _ => throw new ArgumentOutOfRangeException(nameof(initializer)),
    };

    // weights: [fanOut, fanIn]
    public static void Fill(Initializer initializer, int fanIn, int fanOut, ref Xoshiro256 rng, Span<float> weights)
    {
        switch (initializer)
        {
            case Initializer.GlorotUniform:
                Uniform(MathF.Sqrt(6f / (fanIn + fanOut)), ref rng, weights);
                break;
            case Initializer.GlorotNormal:
                Normal(MathF.Sqrt(2f / (fanIn + fanOut)), ref rng, weights);
                break;
            case Initializer.HeUniform:
                Uniform(MathF.Sqrt(6f / fanIn), ref rng, weights);
                break;
            case Initializer.HeNormal:
                Normal(MathF.Sqrt(2f / fanIn), ref rng, weights);
                break;
            case Initializer.TorchUniform:
                Uniform(1f / MathF.Sqrt(fanIn), ref rng, weights);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(initializer));
        }
    }

    private static void Uniform(float limit, ref Xoshiro256 rng, Span<float> weights)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((rng.NextDouble() * 2.0 - 1.0) * limit);
        }
    }

    private static void Normal(float std, ref Xoshiro256 rng, Span<float> weights)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(rng.NextGaussian() * std);
        }
    }
}
