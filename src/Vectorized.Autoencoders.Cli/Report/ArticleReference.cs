namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>What a reference number measures.</summary>
public enum Metric
{
    /// <summary>Mean of the batch losses of one epoch (needs <see cref="ReferenceNumber.Epoch"/>).</summary>
    TrainLoss,

    /// <summary>Loss on the 10,000 test images (including the L1 penalty for the sparse model).</summary>
    TestLoss,

    /// <summary>Mean of all code-layer activations over the test set.</summary>
    MeanCode,
}

/// <summary>One experiment of the article: what is trained, for how long, in batches of how many, on what loss, and what it shows.</summary>
public sealed record ExperimentSpec(string Key, string Title, string Architecture, int Epochs, string Shows, int BatchSize = ArticleReference.BatchSize, string Loss = "binary cross-entropy");

/// <summary>
/// One number of the article (Dertat's Keras notebook): the notebook's printed value, the PyTorch
/// re-implementation's, and the target this project must meet (at most <see cref="Max"/>,
/// at least <see cref="Min"/>; either may be absent). A number without a target is shown
/// for comparison only.
/// </summary>
public sealed record ReferenceNumber(string Experiment, Metric Metric, int? Epoch, double? Article, double? PyTorch, double? Max = null, double? Min = null)
{
    public bool HasTarget => Max is not null || Min is not null;

    /// <summary>True when <paramref name="value"/> meets the target (false for NaN or a missing value).</summary>
    public bool Meets(double? value) =>
        value is { } v && double.IsFinite(v) && (Max is not { } max || v <= max) && (Min is not { } min || v >= min);

    /// <summary>The target as a reader sees it: "≤ 0.0945", "5 to 8", "≥ 1".</summary>
    public string TargetText => (Min, Max) switch
    {
        ({ } min, { } max) => $"{Number.Format(min)} to {Number.Format(max)}",
        (null, { } max) => $"≤ {Number.Format(max)}",
        ({ } min, null) => $"≥ {Number.Format(min)}",
        _ => "",
    };
}

/// <summary>
/// The article's experiments and numbers, declared once (as the notebook printed them). The report,
/// the pass/fail marks and `vecae reproduce` all read these; nothing else restates them.
/// </summary>
public static class ArticleReference
{
    public const string ArticleTitle = "Applied Deep Learning, Part 3: Autoencoders (Arden Dertat, 2017)";

    /// <summary>Seeds over whose mean a target is judged.</summary>
    public static readonly int[] Seeds = [1, 2, 3];

    /// <summary>Keras' default mini-batch, used by every experiment.</summary>
    public const int BatchSize = 32;

    /// <summary>Standard deviation of the Gaussian noise added to the denoising model's input.</summary>
    public const float DenoisingNoise = 0.4f;

    /// <summary>L1 activity regularizer of the sparse model's code layer.</summary>
    public const float SparseL1 = 1e-5f;

    public static readonly ExperimentSpec[] Experiments =
    [
        new("deep", "1. Deep autoencoder", "784-128-32-128-784, relu, relu, relu, sigmoid", 3,
            "Reconstructions of 5 test digits; the first 10 first-layer filters as 28x28 images."),
        new("shallow", "2. Shallow autoencoder", "784-32-784, relu, sigmoid", 5,
            "Reconstructions; first-layer filters 20 to 29."),
        new("denoising", "3. Denoising autoencoder", "deep model fed x + 0.4 N(0,1) clipped to [0,1], target the clean x", 10,
            "Three rows: original, noisy input, output."),
        new("standard", "4. Standard shallow autoencoder, 20 epochs", "784-32-784, relu, sigmoid", 20,
            "Loss history beside the sparse model's. (This run continues experiment 2's model from epoch 5 to 20: same seed and recipe, so the numbers are bit for bit those of a separate run.)"),
        new("sparse", "5. Sparse shallow autoencoder, 20 epochs", "784-32-784 with an L1 activity regularizer of 1e-5 on the code", 20,
            "Loss history; test loss and mean code value of both; density of all code values of both."),
        new("conv", "Convolutional autoencoder (the Keras blog's, issue 11)",
            "conv 1->16, pool, conv 16->8, pool, conv 8->8, pool (a 4x4x8 code), conv 8->8, up, conv 8->8, up, conv 8->16 valid, up, conv 16->1; 3x3, relu, sigmoid output; Adam 1e-3 in PyTorch's form, batch 128", 22,
            "Not in the article: the Keras blog's model (pytorch_convae.py --arch small), target test BCE at or under the blog's 0.094 within 22 epochs; reconstructions."),
        new("conv-denoising", "Convolutional denoising autoencoder (the Keras blog's, issue 11)",
            "conv 1->32, pool, conv 32->32, pool (a 7x7x32 code), conv 32->32, up, conv 32->32, up, conv 32->1; fed x + 0.4 N(0,1) clipped to [0,1], target the clean x; Adam 1e-3 in PyTorch's form, batch 128", 10,
            "Not in the article: the blog's better denoiser (pytorch_convae.py --arch denoise); four rows: original, noisy input, the dense denoiser's output, the conv denoiser's output."),
    ];

    /// <summary>The convolutional peer (pytorch_convae.py) trains with batches of 128, not Keras' 32.</summary>
    public const int ConvolutionalBatchSize = 128;

    /// <summary>The mini-batch of an experiment.</summary>
    public static int BatchSizeOf(string key) => IsConvolutional(key) ? ConvolutionalBatchSize : BatchSize;

    /// <summary>Whether an experiment is one of the convolutional models (not in the article; issue 11).</summary>
    public static bool IsConvolutional(string key) => key is "conv" or "conv-denoising";

    public static readonly ReferenceNumber[] Numbers =
    [
        new("deep", Metric.TrainLoss, 1, 0.1416, 0.1371),
        new("deep", Metric.TrainLoss, 2, 0.0997, 0.0991),
        new("deep", Metric.TrainLoss, 3, 0.0935, 0.0935, Max: 0.0945),
        new("deep", Metric.TestLoss, null, null, 0.0905, Max: 0.0915),
        new("shallow", Metric.TrainLoss, 1, 0.1624, 0.1627),
        new("shallow", Metric.TrainLoss, 2, 0.1041, 0.1043),
        new("shallow", Metric.TrainLoss, 3, 0.0962, 0.0966),
        new("shallow", Metric.TrainLoss, 4, 0.0949, 0.0952),
        new("shallow", Metric.TrainLoss, 5, 0.0944, 0.0946, Max: 0.0955),
        new("denoising", Metric.TrainLoss, 10, 0.1151, 0.1107, Max: 0.1151),
        new("standard", Metric.TrainLoss, 20, 0.0933, 0.0932),
        new("standard", Metric.TestLoss, null, 0.0920, 0.0921, Max: 0.0930),
        new("standard", Metric.MeanCode, null, 6.60, 6.59, Max: 8, Min: 5),
        new("sparse", Metric.TrainLoss, 20, 0.1032, 0.1032),
        new("sparse", Metric.TestLoss, null, 0.1019, 0.1019, Max: 0.1030),
        new("sparse", Metric.MeanCode, null, 0.777, 0.776, Max: 0.85),
        // PyTorch: pytorch_convae.py, Adam, batch 128, 2 threads, seed 1 (issue 11's anchors).
        new("conv", Metric.TestLoss, null, null, 0.0937, Max: 0.094),
        new("conv-denoising", Metric.TestLoss, null, null, 0.0866, Max: 0.0875),
    ];

    /// <summary>
    /// The article's third use case, which it describes without numbers: PyTorch's examples/vae
    /// (784-400-20), trained as <c>vecae train --model vae</c> does. Not one of <see cref="Experiments"/>:
    /// <see cref="ReproducePipeline"/> runs it through its own engine after them.
    /// </summary>
    public static readonly ExperimentSpec Variational = new(
        "vae", "Variational autoencoder (the article's third use case)",
        "784-400 relu, linear to 20 means and 20 log-variances, z = mean + eps exp(logvar / 2), 20-400 relu, 400-784 sigmoid (PyTorch's examples/vae); Adam 1e-3 in PyTorch's form, epsilon 1e-8 on the loss summed over the batch", 10,
        "no figure or number for it (it describes generating digits by sampling). Shown here: digits decoded from draws of the prior N(0, I), and for a model with a 2-D latent space the manifold of decoded digits and the test set's latent means.",
        BatchSize: 128, Loss: "per image: binary cross-entropy summed over the pixels + KL(q(z|x) || N(0, I))");

    /// <summary>
    /// Targets of the experiments beyond the article: the PyTorch column is the peer script's mean over
    /// seeds 1-3 on this project's machine (bench/results/vae-2026-12-02.md), the target issue 11's.
    /// </summary>
    public static readonly ReferenceNumber[] PeerNumbers =
    [
        new("vae", Metric.TestLoss, null, null, 105.56, Max: 105.5),
    ];

    /// <summary>Seconds per epoch the article reports (a 2017 laptop), for context only: speed is compared against a peer run on the same machine.</summary>
    public static readonly Dictionary<string, string> ArticleSecondsPerEpoch = new()
    {
        ["deep"] = "7 to 8",
        ["denoising"] = "7 to 8",
        ["shallow"] = "4 to 5",
        ["standard"] = "4 to 5",
        ["sparse"] = "4 to 5",
    };

    public static ExperimentSpec Experiment(string key) =>
        Array.Find(Experiments, e => e.Key == key) ?? throw new ArgumentException($"No experiment '{key}'.", nameof(key));

    public static IEnumerable<ReferenceNumber> NumbersOf(string experiment) => Numbers.Concat(PeerNumbers).Where(n => n.Experiment == experiment);
}
