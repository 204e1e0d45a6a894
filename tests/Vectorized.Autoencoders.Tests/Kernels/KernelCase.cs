using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// One element-wise kernel under test: how to draw its inputs, its double-precision oracle, how
/// to call it on an explicit path, and which inputs it may overwrite in place.
/// </summary>
/// <param name="Oracle">The exact result from the (float) inputs, computed in double.</param>
/// <param name="Invoke">Calls the kernel: inputs, destination, path. The destination may be one of the inputs.</param>
/// <param name="ErrorScale">What the tolerance is relative to; |oracle| unless the result cancels (backward forms).</param>
/// <param name="InPlaceInputs">Indices of the inputs the destination may alias.</param>
public sealed record KernelCase(
    string Name,
    Func<Random, float>[] Inputs,
    Func<double[], double> Oracle,
    Action<float[][], float[], Isa> Invoke,
    double RelativeTolerance,
    int[] InPlaceInputs,
    Func<double[], double, double>? ErrorScale = null)
{
    public override string ToString() => Name;

    /// <summary>Every path this machine can run, narrowest first.</summary>
    public static IEnumerable<Isa> SupportedIsas() => Enum.GetValues<Isa>().Where(isa => isa <= IsaSelector.Hardware);

    private const float Scale = -1.75f;
    private const float Alpha = 0.3f;
    private const float Slope = 0.1f;
    private const float ClampMin = -0.5f;
    private const float ClampMax = 2f;

    private static float Uniform(Random rng, double lo, double hi) => (float)(lo + ((hi - lo) * rng.NextDouble()));

    private static float Moderate(Random rng) => Uniform(rng, -10, 10);

    // Mostly moderate values, with a share of extremes where the formulas must not overflow.
    private static float WideLogit(Random rng) => rng.Next(10) switch
    {
        0 => Uniform(rng, -100, 100),
        1 => Uniform(rng, -1e-3, 1e-3),
        _ => Moderate(rng),
    };

    private static float SmallAndLarge(Random rng) => rng.Next(4) switch
    {
        0 => Uniform(rng, -20, 20),
        1 => Uniform(rng, -1e-4, 1e-4),
        _ => Uniform(rng, -1, 1),
    };

    // Activation outputs hit exactly 0 often (relu); make sure the tests do too.
    private static float OutputWithZeros(Random rng) => rng.Next(5) == 0 ? 0f : Uniform(rng, -1, 1);

    private static double DyScale(double[] v, double oracle) => Math.Abs(v[1]);

    public static readonly KernelCase[] All =
    [
        new("Add", [Moderate, Moderate], v => v[0] + v[1], (i, d, isa) => ElementWise.Add(i[0], i[1], d, isa), 1e-6, [0, 1]),
        new("Subtract", [Moderate, Moderate], v => v[0] - v[1], (i, d, isa) => ElementWise.Subtract(i[0], i[1], d, isa), 1e-6, [0, 1]),
        new("Multiply", [Moderate, Moderate], v => v[0] * v[1], (i, d, isa) => ElementWise.Multiply(i[0], i[1], d, isa), 1e-6, [0, 1]),
        new("Scale", [Moderate], v => v[0] * Scale, (i, d, isa) => ElementWise.Scale(i[0], Scale, d, isa), 1e-6, [0]),
        new("MultiplyAdd", [Moderate, Moderate, Moderate], v => (v[0] * v[1]) + v[2], (i, d, isa) => ElementWise.MultiplyAdd(i[0], i[1], i[2], d, isa), 1e-6, [0, 1, 2]),
        // Inputs: x, then the accumulator the destination starts from (its in-place form is the normal use).
        new("AddScaled", [Moderate, Moderate], v => (Alpha * v[0]) + v[1], (i, d, isa) =>
        {
            if (!ReferenceEquals(d, i[1]))
            {
                i[1].CopyTo(d, 0);
            }

            ElementWise.AddScaled(i[0], Alpha, d, isa);
        }, 1e-6, [1], (v, o) => Math.Abs(Alpha * v[0]) + Math.Abs(v[1])),
        new("AddScaledSign", [OutputWithZeros, Moderate], v => (Alpha * Math.Sign(v[0])) + v[1], (i, d, isa) =>
        {
            if (!ReferenceEquals(d, i[1]))
            {
                i[1].CopyTo(d, 0);
            }

            ElementWise.AddScaledSign(i[0], Alpha, d, isa);
        }, 1e-6, [1], (v, o) => Alpha + Math.Abs(v[1])),
        new("Relu", [Moderate], v => Math.Max(v[0], 0), (i, d, isa) => ElementWise.Relu(i[0], d, isa), 0, [0]),
        new("ReluBackward", [OutputWithZeros, Moderate], v => v[0] > 0 ? v[1] : 0, (i, d, isa) => ElementWise.ReluBackward(i[0], i[1], d, isa), 0, [0, 1]),
        new("LeakyRelu", [Moderate], v => v[0] > 0 ? v[0] : Slope * v[0], (i, d, isa) => ElementWise.LeakyRelu(i[0], Slope, d, isa), 1e-6, [0]),
        new("LeakyReluBackward", [OutputWithZeros, Moderate], v => v[0] > 0 ? v[1] : Slope * v[1], (i, d, isa) => ElementWise.LeakyReluBackward(i[0], i[1], Slope, d, isa), 1e-6, [0, 1]),
        new("Sigmoid", [WideLogit], v => 1 / (1 + Math.Exp(-v[0])), (i, d, isa) => ElementWise.Sigmoid(i[0], d, isa), 4e-6, [0]),
        new("SigmoidBackward", [(r) => Uniform(r, 0, 1), Moderate], v => v[1] * v[0] * (1 - v[0]), (i, d, isa) => ElementWise.SigmoidBackward(i[0], i[1], d, isa), 1e-6, [0, 1], DyScale),
        new("Tanh", [SmallAndLarge], v => Math.Tanh(v[0]), (i, d, isa) => ElementWise.Tanh(i[0], d, isa), 4e-6, [0]),
        new("TanhBackward", [(r) => Uniform(r, -1, 1), Moderate], v => v[1] * (1 - (v[0] * v[0])), (i, d, isa) => ElementWise.TanhBackward(i[0], i[1], d, isa), 1e-6, [0, 1], DyScale),
        new("Exp", [ExpArgument], v => Math.Exp(v[0]), (i, d, isa) => ElementWise.Exp(i[0], d, isa), 4e-6, [0]),
        new("Log", [(r) => (float)Math.Exp(Uniform(r, -80, 80))], v => Math.Log(v[0]), (i, d, isa) => ElementWise.Log(i[0], d, isa), 4e-6, [0], (v, o) => Math.Max(Math.Abs(o), 0.1)),
        new("Clamp", [Moderate], v => Math.Clamp(v[0], ClampMin, ClampMax), (i, d, isa) => ElementWise.Clamp(i[0], ClampMin, ClampMax, d, isa), 0, [0]),
    ];

    // Exp: the whole float range, from the subnormal results below -87 to just under overflow.
    private static float ExpArgument(Random rng) => rng.Next(4) == 0 ? Uniform(rng, -100, 88) : Moderate(rng);
}
