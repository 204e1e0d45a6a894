namespace Vectorized.Autoencoders.Randomness;

/// <summary>
/// PyTorch 1.13's CPU sampling on top of <see cref="Mt19937"/>, as far as <see cref="RandomStreams.PyTorch"/>
/// needs it: float32 <c>uniform_</c>, <c>xavier_uniform_</c>, <c>randn</c>'s and <c>randperm</c>'s draws,
/// and how many draws the dense peer script's set-up consumes before its first <c>randperm</c> (the
/// convolutional peer's: <see cref="Models.TorchReplay"/>).
/// </summary>
internal static class TorchRandom
{
    /// <summary>
    /// <c>tensor.uniform_(from, to)</c> on a float32 tensor: one 32-bit draw per element, its low 24
    /// bits scaled to [0, 1), then <c>x * (to - from) + from</c> in float. PyTorch's AVX2 and AVX-512
    /// builds contract that to one fused multiply-add (its scalar build does not, and rounds twice).
    /// </summary>
    // values: [n]
    public static void Uniform(Mt19937 rng, float from, float to, Span<float> values)
    {
        var range = to - from;
        for (var i = 0; i < values.Length; i++)
        {
            var x = (rng.NextUInt32() & 0xFFFFFF) * (1f / (1 << 24));
            values[i] = MathF.FusedMultiplyAdd(x, range, from);
        }
    }

    /// <summary><c>nn.init.xavier_uniform_</c> (gain 1) on a [fanOut, fanIn] weight: the bound is computed in double, as Python does.</summary>
    // weights: [fanOut, fanIn]
    public static void XavierUniform(Mt19937 rng, int fanIn, int fanOut, Span<float> weights)
    {
        var std = Math.Sqrt(2.0 / (fanIn + fanOut));
        var bound = Math.Sqrt(3.0) * std;
        Uniform(rng, (float)-bound, (float)bound, weights);
    }

    /// <summary>
    /// <c>torch.randperm(n)</c> on the CPU: the identity, then for i = 0 .. n-2 a swap of element i
    /// with element i + random() % (n - i). Uses n - 1 draws.
    /// </summary>
    // permutation: [n]
    public static void Randperm(Mt19937 rng, Span<int> permutation)
    {
        var n = permutation.Length;
        for (var i = 0; i < n; i++)
        {
            permutation[i] = i;
        }

        for (var i = 0; i < n - 1; i++)
        {
            var z = (int)(rng.NextUInt32() % (uint)(n - i));
            (permutation[i], permutation[i + z]) = (permutation[i + z], permutation[i]);
        }
    }

    /// <summary>Draws one <c>randperm(n)</c> consumes.</summary>
    public static long RandpermDraws(int n) => Math.Max(0, n - 1);

    /// <summary>
    /// Draws of the <c>nn.Linear</c> constructors, one per layer in order: <c>kaiming_uniform_</c> on
    /// the weight and <c>uniform_</c> on the bias, one draw per element. The peer script overwrites
    /// both, but they move the generator.
    /// </summary>
    // layerSizes: [layers + 1], input size first
    public static long ConstructorDraws(IReadOnlyList<int> layerSizes)
    {
        long draws = 0;
        for (var l = 0; l + 1 < layerSizes.Count; l++)
        {
            draws += (long)layerSizes[l + 1] * (layerSizes[l] + 1);
        }

        return draws;
    }

    /// <summary>All draws of the peer's model set-up: the constructors, then <c>xavier_uniform_</c> on every weight (zeroing the biases draws nothing).</summary>
    // layerSizes: [layers + 1], input size first
    public static long InitializationDraws(IReadOnlyList<int> layerSizes)
    {
        var draws = ConstructorDraws(layerSizes);
        for (var l = 0; l + 1 < layerSizes.Count; l++)
        {
            draws += (long)layerSizes[l + 1] * layerSizes[l];
        }

        return draws;
    }

    /// <summary>The generator as the peer's first <c>randperm</c> finds it: seeded, then past the model's initialization.</summary>
    // layerSizes: [layers + 1], input size first
    public static Mt19937 AfterInitialization(int seed, IReadOnlyList<int> layerSizes)
    {
        var rng = new Mt19937((uint)seed);
        rng.Skip(InitializationDraws(layerSizes));
        return rng;
    }

    /// <summary>
    /// <c>torch.randn</c> on a contiguous float32 tensor of at least 16 elements (PyTorch 1.13's
    /// <c>normal_fill</c>): a uniform draw per element (as <see cref="Uniform"/> on [0, 1)), then
    /// Box-Muller on each block of sixteen, u1 = 1 - data[j] and u2 = data[j + 8] giving
    /// r cos(2 pi u2) at j and r sin(2 pi u2) at j + 8, r = sqrt(-2 log u1); a count that is not a
    /// multiple of 16 draws the last sixteen again. PyTorch's AVX2 build computes log, sin and cos
    /// with its own polynomials, so its values differ from these (correctly rounded ones) in the last
    /// bits of about one value in six (at most 3 units in the last place, measured with torch 1.13);
    /// the draws consumed are the same.
    /// </summary>
    // values: [n], n at least 16
    public static void Randn(Mt19937 rng, Span<float> values)
    {
        var n = values.Length;
        if (n < 16)
        {
            throw new NotSupportedException($"torch.randn on {n} elements takes the scalar path, which is not replayed");
        }

        Uniform(rng, 0f, 1f, values);
        for (var i = 0; i + 16 <= n; i += 16)
        {
            BoxMuller16(values.Slice(i, 16));
        }

        if (n % 16 != 0)
        {
            var tail = values[(n - 16)..];
            Uniform(rng, 0f, 1f, tail);
            BoxMuller16(tail);
        }
    }

    // block: [16] uniforms in, normals out
    private static void BoxMuller16(Span<float> block)
    {
        const float TwoPi = (float)(2.0 * Math.PI);
        for (var j = 0; j < 8; j++)
        {
            var u1 = 1f - block[j];
            var u2 = block[j + 8];
            var radius = MathF.Sqrt(-2f * MathF.Log(u1));
            var theta = TwoPi * u2;
            block[j] = radius * MathF.Cos(theta);
            block[j + 8] = radius * MathF.Sin(theta);
        }
    }

    /// <summary>
    /// The default initialization of <c>nn.Linear(fanIn, fanOut)</c>: <c>kaiming_uniform_(a = sqrt(5))</c>
    /// on the weight, whose bound works out to 1 / sqrt(fanIn), then <c>uniform_</c> on the bias with
    /// that bound; both bounds computed in double as Python does, then used in float.
    /// </summary>
    // weights: [fanOut, fanIn], bias: [fanOut]
    public static void LinearDefault(Mt19937 rng, int fanIn, Span<float> weights, Span<float> bias)
    {
        var a = Math.Sqrt(5.0);
        var gain = Math.Sqrt(2.0 / (1 + (a * a)));
        var bound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
        Uniform(rng, (float)-bound, (float)bound, weights);
        var biasBound = 1 / Math.Sqrt(fanIn);
        Uniform(rng, (float)-biasBound, (float)biasBound, bias);
    }

    /// <summary>
    /// Draws of <c>torch.randn</c> on a float32 tensor of n elements (n at least 16): n uniform draws,
    /// turned into normals sixteen at a time; when n is not a multiple of 16, the last sixteen are
    /// drawn again (PyTorch 1.13's <c>normal_fill</c>: tests/Golden/torch-rng.json checks MNIST's sizes, whose
    /// products are multiples of 16; the other case was measured with torch 1.13).
    /// </summary>
    public static long RandnDraws(long n)
    {
        if (n < 16)
        {
            throw new NotSupportedException($"torch.randn on {n} elements takes the scalar path, which is not replayed");
        }

        return n % 16 == 0 ? n : n + 16;
    }
}
