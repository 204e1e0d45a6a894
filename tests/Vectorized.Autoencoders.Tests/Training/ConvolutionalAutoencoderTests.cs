using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Tests.Layers;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// The convolutional autoencoders (<c>pytorch_convae.py --arch small | denoise</c>): the peer's layer
/// list, tensor names and shapes, Glorot-uniform initialization, the whole step's gradient against
/// central differences of a double-precision model built from the layer tests' oracles, determinism
/// over threads, codes in PyTorch's flatten order, file round trips and malformed files.
/// </summary>
public sealed class ConvolutionalAutoencoderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"vecae-conv-{Guid.NewGuid():N}");

    public ConvolutionalAutoencoderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Models => ["small", "denoise"];

    private static AutoencoderOptions Options(string name) => name == "small" ? AutoencoderOptions.Convolutional : AutoencoderOptions.ConvolutionalDenoising;

    private static Autoencoder Train(string name, int threads)
    {
        var data = new FloatSamples(TrainingTestData.Images(40, 784, 42), 784);
        var model = Autoencoder.Create(Options(name), 3);
        // The denoiser trains as the blog's does: noisy input, clean target.
        var noise = name == "small" ? 0f : TrainingOptions.ArticleNoiseStd;
        model.Fit(data, new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 7, Threads = threads, NoiseStd = noise, Validation = data });
        return model;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void WeightsAreBitwiseIdenticalForOneAndTwoThreads(string name)
    {
        var one = TrainingTestData.Bits(Train(name, 1));
        var two = TrainingTestData.Bits(Train(name, 2));
        Assert.Equal(one, two);
        Assert.NotEqual(TrainingTestData.Bits(Autoencoder.Create(Options(name), 3)), one);
    }

    [Fact]
    public void TheSmallModelIsThePeersLayerListWithAFourByFourByEightCode()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Convolutional, 1);
        Assert.Equal((784, 784, 128), (model.InputSize, model.OutputSize, model.CodeSize));
        Assert.Empty(model.Layers);
        var kinds = string.Join(" ", model.Network.Layers.Select(Describe));
        Assert.Equal(
            "conv1-16+relu pool conv16-8+relu pool conv8-8+relu pool conv8-8+relu up conv8-8+relu up conv8-16v+relu up conv16-1 sigmoid",
            kinds);
        // The loss reads the logits before the last sigmoid; the code is the encoder's last pooling.
        Assert.Equal(model.Network.Layers.Length - 1, model.Network.LossInput);
        Assert.Equal(6, model.Network.CodeOutput);
        Assert.Equal(8, model.Network.Channels[model.Network.CodeOutput]);
        var weights = (16 * 9) + (8 * 16 * 9) + (8 * 8 * 9) + (8 * 8 * 9) + (8 * 8 * 9) + (16 * 8 * 9) + (1 * 16 * 9);
        Assert.Equal(weights + 16 + 8 + 8 + 8 + 8 + 16 + 1, model.ParameterCount);
    }

    [Fact]
    public void TheDenoiserHasASevenBySevenByThirtyTwoCode()
    {
        var model = Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, 1);
        Assert.Equal(7 * 7 * 32, model.CodeSize);
        Assert.Equal(
            "conv1-32+relu pool conv32-32+relu pool conv32-32+relu up conv32-32+relu up conv32-1 sigmoid",
            string.Join(" ", model.Network.Layers.Select(Describe)));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void InitializationIsGlorotUniformWithZeroBiases(string name)
    {
        var model = Autoencoder.Create(Options(name), 5);
        foreach (var (tensor, shape, data) in model.StateDict())
        {
            var values = data.ToArray();
            if (tensor.EndsWith(".bias", StringComparison.Ordinal))
            {
                Assert.All(values, v => Assert.Equal(0f, v));
                continue;
            }

            var field = shape[2] * shape[3];
            var limit = MathF.Sqrt(6f / ((shape[1] * field) + (shape[0] * field)));
            Assert.All(values, v => Assert.InRange(v, -limit, limit));
            Assert.True(values.Max() > limit / 2 && values.Min() < -limit / 2, tensor);
        }

        Assert.NotEqual(TrainingTestData.Bits(model), TrainingTestData.Bits(Autoencoder.Create(Options(name), 6)));
    }

    [Fact]
    public void SavesUnderThePeersStateDictNamesAndRoundTripsBitExact()
    {
        var model = Train("small", 1);
        var path = Path.Combine(_dir, "conv.safetensors");
        model.Save(path);
        var (tensors, metadata) = TensorFile.Read(path);
        string[] convs = ["enc.0", "enc.3", "enc.6", "dec.0", "dec.3", "dec.6", "dec.9"];
        Assert.Equal(convs.SelectMany(c => new[] { c + ".bias", c + ".weight" }).Order(StringComparer.Ordinal), tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([16, 1, 3, 3], tensors["enc.0.weight"].Shape);
        Assert.Equal([16, 8, 3, 3], tensors["dec.6.weight"].Shape);
        Assert.Equal([1], tensors["dec.9.bias"].Shape);
        Assert.Contains("\"conv\":\"small\"", metadata[Autoencoder.ArchitectureKey], StringComparison.Ordinal);
        var loaded = Autoencoder.Load(path);
        Assert.Equal(model.Options, loaded.Options);
        Assert.True(loaded.Options.IsConvolutional);
        Assert.Equal(TrainingTestData.Bits(model), TrainingTestData.Bits(loaded));

        var denoiser = Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, 1);
        denoiser.Save(path);
        Assert.Equal(["dec.0", "dec.3", "dec.6", "enc.0", "enc.3"], TensorFile.Read(path).Tensors.Keys.Where(k => k.EndsWith(".weight", StringComparison.Ordinal)).Select(k => k[..^7]).Order(StringComparer.Ordinal));
        Assert.Equal(AutoencoderOptions.ConvolutionalDenoising, Autoencoder.Load(path).Options);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void CodesAreInPyTorchsFlattenOrderWhateverTheBatch(string name)
    {
        // One image alone is [channels, 1, h, w], which is (c, h, w) order with nothing to transpose:
        // a batch's rows must equal the codes of its images taken one at a time.
        var model = Train(name, 1);
        const int count = 5;
        var x = TrainingTestData.Images(count, 784, 11);
        var codes = new float[count * model.CodeSize];
        model.Encode(x, count, codes, threads: 2);
        var single = new float[model.CodeSize];
        for (var n = 0; n < count; n++)
        {
            model.Encode(x.AsSpan(n * 784, 784), 1, single);
            Assert.Equal(single, codes.AsSpan(n * model.CodeSize, model.CodeSize).ToArray());
        }

        var decoded = new float[count * 784];
        model.Decode(codes, count, decoded, threads: 2);
        var predicted = new float[count * 784];
        model.Predict(x, count, predicted);
        Assert.Equal(predicted, decoded);
        var one = new float[784];
        model.Decode(codes.AsSpan(2 * model.CodeSize, model.CodeSize), 1, one);
        Assert.Equal(predicted.AsSpan(2 * 784, 784).ToArray(), one);
    }

    [Fact]
    public void ATensorShapedUnlikeTheMetadataOrMissingIsAFormatErrorNamingIt()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Convolutional, 2);
        var all = model.StateDict();
        var metadata = new[] { ("format", "pt"), (Autoencoder.ArchitectureKey, ArchitectureJson.Write(model.Options)) };

        var missing = Path.Combine(_dir, "missing.safetensors");
        TensorFile.Write(missing, all.Where(t => t.Name != "dec.3.bias").ToList(), metadata);
        var error = Assert.Throws<FileFormatException>(() => Autoencoder.Load(missing));
        Assert.Contains("dec.3.bias", error.Message);
        Assert.StartsWith(missing, error.Message, StringComparison.Ordinal);

        // The denoiser's tensors under the small model's metadata: enc.0 is [32, 1, 3, 3], not [16, 1, 3, 3].
        var wrong = Path.Combine(_dir, "wrong.safetensors");
        TensorFile.Write(wrong, Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, 2).StateDict(), metadata);
        error = Assert.Throws<FileFormatException>(() => Autoencoder.Load(wrong));
        Assert.Contains("enc.0.weight", error.Message);
        Assert.Contains("[16, 1, 3, 3]", error.Message);
    }

    [Fact]
    public void OptionsOtherThanThePeersAreRefused()
    {
        Assert.Throws<ArgumentException>(() => (AutoencoderOptions.Convolutional with { WeightDecay = 1e-3f }).Validate());
        Assert.Throws<ArgumentException>(() => (AutoencoderOptions.Convolutional with { LayerSizes = [100, 100] }).Validate());
        Assert.Throws<ArgumentException>(() => (AutoencoderOptions.Convolutional with { LatentSize = 2 }).Validate());
        // PyTorch's streams replay a variational model's nn.Linear defaults, not Glorot's.
        Assert.Throws<NotSupportedException>(() => Autoencoder.Create(AutoencoderOptions.Variational with { Initializer = Autoencoders.Layers.Initializer.GlorotUniform }, 1, Autoencoders.Randomness.RandomStreams.PyTorch));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void WholeStepMatchesCentralDifferencesOfADoubleModel(string name)
    {
        const int batch = 2;
        var model = Autoencoder.Create(Options(name), 8);
        var rng = new Xoshiro256(17);
        // Non-zero biases, so the relu and max-pooling kinks sit anywhere.
        var parameters = model.ParameterSpan.ToArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] += (float)(0.05 * (rng.NextDouble() - 0.5));
        }

        model.SetParameters(parameters);
        var x = TrainingTestData.Images(batch, 784, 3);
        var t = TrainingTestData.Images(batch, 784, 4);
        var gradients = GradientCheckTests.Gradients(model, batch, x, t, out var loss);
        var p = parameters.Select(v => (double)v).ToArray();
        double[] xd = x.Select(v => (double)v).ToArray(), td = t.Select(v => (double)v).ToArray();
        var reference = ReferenceLoss(model.Network, p, xd, td, batch);
        Assert.True(Math.Abs(loss - reference) <= 1e-5 * reference, $"loss {loss} vs reference {reference}");

        // Every bias and a sample of the weights of every convolution.
        var network = model.Network;
        for (var l = 0; l < network.Layers.Length; l++)
        {
            if (network.Layers[l] is not Conv2DLayer conv)
            {
                continue;
            }

            var g = conv.Geometry;
            var offset = network.ParameterOffsets[l];
            var checks = Enumerable.Range(0, 12).Select(_ => offset + rng.NextInt(g.WeightCount))
                .Concat(Enumerable.Range(offset + g.WeightCount, g.OutChannels));
            foreach (var i in checks)
            {
                // A small step in double: a larger one crosses relu and max-pooling kinks of some of the many units.
                var h = 1e-6;
                var saved = p[i];
                p[i] = saved + h;
                var plus = ReferenceLoss(network, p, xd, td, batch);
                p[i] = saved - h;
                var minus = ReferenceLoss(network, p, xd, td, batch);
                p[i] = saved;
                var numeric = (plus - minus) / (2 * h);
                Assert.True(
                    Math.Abs(gradients[i] - numeric) <= (1e-3 * Math.Max(Math.Abs(gradients[i]), Math.Abs(numeric))) + 1e-6,
                    $"{conv.Name} parameter {i - offset}: analytic {gradients[i]}, numeric {numeric}");
            }
        }
    }

    // The mean binary cross-entropy from the logits, the network walked in double with the layer
    // tests' oracles (Keras' padding rules written out again there), channel-major as the engine.
    private static double ReferenceLoss(Network network, double[] p, double[] x, double[] t, int batch)
    {
        var a = x;
        for (var l = 0; l < network.LossInput; l++)
        {
            var offset = network.ParameterOffsets[l];
            a = network.Layers[l] switch
            {
                Conv2DLayer c => Conv2DTests.DirectConvolution(
                    a, p.AsSpan(offset, c.Geometry.WeightCount).ToArray(), p.AsSpan(offset + c.Geometry.WeightCount, c.Geometry.OutChannels).ToArray(), c.Geometry, batch)
                    .Select(v => c.Activation == Activation.Relu ? Math.Max(v, 0) : v).ToArray(),
                ActivationLayer => a.Select(v => Math.Max(v, 0)).ToArray(),
                MaxPool2DLayer m => MaxPool2DTests.DirectPool(a, m.Geometry, m.Channels * batch),
                UpSampling2DLayer u => Nearest(a, u.Channels * batch, u.Height, u.Width, u.Factor),
                _ => throw new InvalidOperationException(),
            };
        }

        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Max(a[i], 0) - (a[i] * t[i]) + Math.Log(1 + Math.Exp(-Math.Abs(a[i])));
        }

        return sum / a.Length;
    }

    private static double[] Nearest(double[] x, int planes, int h, int w, int f)
    {
        var y = new double[planes * h * f * w * f];
        for (var i = 0; i < y.Length; i++)
        {
            int plane = i / (h * f * w * f), oy = i / (w * f) % (h * f), ox = i % (w * f);
            y[i] = x[(((plane * h) + (oy / f)) * w) + (ox / f)];
        }

        return y;
    }

    private static string Describe(ILayer layer) => layer switch
    {
        Conv2DLayer c => $"conv{c.Geometry.InChannels}-{c.Geometry.OutChannels}{(c.Geometry.Padding == Conv2DPadding.Valid ? "v" : "")}{(c.Activation == Activation.Relu ? "+relu" : "")}",
        MaxPool2DLayer => "pool",
        UpSampling2DLayer => "up",
        ActivationLayer a => a.Activation == Activation.Relu ? "relu" : a.Activation == Activation.Sigmoid ? "sigmoid" : "?",
        _ => "?",
    };
}
