namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>A figure for the report: PNG bytes or SVG text, written beside index.html and embedded in it.</summary>
public sealed record Figure(string FileName, string Caption, byte[] Content)
{
    public string MediaType => FileName.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? "image/svg+xml" : "image/png";

    public static Figure Svg(string fileName, string caption, string svg) => new(fileName, caption, System.Text.Encoding.UTF8.GetBytes(svg));
}

/// <summary>
/// What one experiment produced over all its seeds: per seed, the train loss per epoch, the
/// test loss and the mean code value; its training time; and its figures (drawn from the
/// first seed's model).
/// </summary>
public sealed class ExperimentResult(ExperimentSpec spec)
{
    public ExperimentSpec Spec { get; } = spec;

    /// <summary>Seeds run, in order.</summary>
    public List<int> Seeds { get; } = [];

    /// <summary>Per seed: train loss per epoch.</summary>
    public List<double[]> TrainLoss { get; } = [];

    /// <summary>Per seed: test loss.</summary>
    public List<double> TestLoss { get; } = [];

    /// <summary>Per seed: mean code value on the test set.</summary>
    public List<double> MeanCode { get; } = [];

    /// <summary>Per seed: seconds of training (all epochs).</summary>
    public List<double> TrainSeconds { get; } = [];

    /// <summary>Epochs actually trained per seed (fewer than the spec's in a quick run).</summary>
    public int EpochsRun { get; set; }

    public List<Figure> Figures { get; } = [];

    /// <summary>Adds one seed's outcome.</summary>
    public void Add(int seed, double[] trainLoss, double testLoss, double meanCode, double trainSeconds)
    {
        Seeds.Add(seed);
        TrainLoss.Add(trainLoss);
        TestLoss.Add(testLoss);
        MeanCode.Add(meanCode);
        TrainSeconds.Add(trainSeconds);
        EpochsRun = trainLoss.Length;
    }

    /// <summary>Mean train loss of <paramref name="epoch"/> (1-based) over seeds; null when that epoch was not run.</summary>
    public double? MeanTrainLoss(int epoch)
    {
        if (TrainLoss.Count == 0 || TrainLoss.Any(h => h.Length < epoch))
        {
            return null;
        }

        return TrainLoss.Average(h => h[epoch - 1]);
    }

    /// <summary>Mean over seeds of the train loss curve: [epochs].</summary>
    public double[] MeanTrainLossCurve()
    {
        var epochs = TrainLoss.Count == 0 ? 0 : TrainLoss.Min(h => h.Length);
        var curve = new double[epochs];
        for (var e = 0; e < epochs; e++)
        {
            curve[e] = TrainLoss.Average(h => h[e]);
        }

        return curve;
    }

    /// <summary>This run's value for a reference number: the mean over seeds.</summary>
    public double? Value(ReferenceNumber number) => number.Metric switch
    {
        Metric.TrainLoss => MeanTrainLoss(number.Epoch ?? Spec.Epochs),
        Metric.TestLoss => TestLoss.Count > 0 ? TestLoss.Average() : null,
        Metric.MeanCode => MeanCode.Count > 0 ? MeanCode.Average() : null,
        _ => null,
    };

    /// <summary>Mean seconds per epoch over all seeds.</summary>
    public double SecondsPerEpoch => EpochsRun > 0 && TrainSeconds.Count > 0 ? TrainSeconds.Average() / EpochsRun : double.NaN;
}
