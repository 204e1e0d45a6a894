using System.Text.Json;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Tests.Data;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The layers against PyTorch: tests/Golden/conv-layers.json, written by tools/conv-golden.py
/// (PyTorch in float64 on float32 inputs, NCHW), holds outputs and gradients for convolutions
/// (same and valid, strides 1 and 2, an odd amount of same padding), ceil-mode max-pooling,
/// nearest up-sampling and the VAE's loss and sampling. Everything agrees to 1e-5 relative.
/// </summary>
public class ConvGoldenTests
{
    private const double Tolerance = 1e-5;

    private static readonly JsonElement[] Cases = LoadCases();

    public static TheoryData<string> Names(string kind) => [.. Cases.Where(c => c.GetProperty("kind").GetString() == kind).Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> ConvNames => Names("conv");

    public static TheoryData<string> PoolNames => Names("maxpool");

    [Theory]
    [MemberData(nameof(ConvNames))]
    public void ConvolutionMatchesPyTorch(string name)
    {
        var c = Case(name);
        int batch = Int(c, "batch"), cin = Int(c, "inChannels"), cout = Int(c, "outChannels"), h = Int(c, "height"), w = Int(c, "width");
        var padding = c.GetProperty("padding").GetString() == "same" ? Conv2DPadding.Same : Conv2DPadding.Valid;
        var g = new Conv2DGeometry(cin, cout, h, w, Int(c, "kernel"), Int(c, "kernel"), Int(c, "stride"), padding);
        var x = ChannelMajor(Floats(c, "x"), batch, cin);
        var weight = Floats(c, "weight");
        var bias = Floats(c, "bias");
        var dy = ChannelMajor(Floats(c, "dy"), batch, cout);
        Assert.Equal(cout * batch * g.OutPlane, dy.Length);

        var col = new float[Conv2D.ScratchLength(g, 1)];
        var y = new float[dy.Length];
        Conv2D.Forward(x, weight, bias, g, batch, 1, y, col);
        LayerCheck.Close(y, ChannelMajor(Floats(c, "y"), batch, cout), Tolerance, $"{name} y");

        float[] dw = new float[weight.Length], db = new float[cout], dx = new float[x.Length];
        Conv2D.Backward(dy, x, weight, g, batch, 1, dw, db, dx, col);
        LayerCheck.Close(dw, Floats(c, "dweight"), Tolerance, $"{name} dweight");
        LayerCheck.Close(db, Floats(c, "dbias"), Tolerance, $"{name} dbias");
        LayerCheck.Close(dx, ChannelMajor(Floats(c, "dx"), batch, cin), Tolerance, $"{name} dx");

        // The direct convolution the layers run for stride 1 answers to PyTorch as well.
        if (DirectConv2D.Supports(g))
        {
            var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
            Array.Clear(y);
            DirectConv2D.Forward(x, weight, bias, g, batch, 1, y, scratch);
            LayerCheck.Close(y, ChannelMajor(Floats(c, "y"), batch, cout), Tolerance, $"{name} direct y");
            Array.Clear(dw);
            Array.Clear(db);
            Array.Clear(dx);
            DirectConv2D.Backward(dy, x, weight, g, batch, 1, dw, db, dx, scratch);
            LayerCheck.Close(dw, Floats(c, "dweight"), Tolerance, $"{name} direct dweight");
            LayerCheck.Close(db, Floats(c, "dbias"), Tolerance, $"{name} direct dbias");
            LayerCheck.Close(dx, ChannelMajor(Floats(c, "dx"), batch, cin), Tolerance, $"{name} direct dx");
        }
    }

    [Theory]
    [MemberData(nameof(PoolNames))]
    public void MaxPoolingMatchesPyTorchCeilMode(string name)
    {
        var c = Case(name);
        var planes = Int(c, "planes");
        var g = new MaxPool2DGeometry(Int(c, "height"), Int(c, "width"), Int(c, "pool"), Int(c, "stride"), Conv2DPadding.Same);
        var y = new float[planes * g.OutPlane];
        var argmax = new int[y.Length];
        MaxPool2D.Forward(Floats(c, "x"), g, planes, y, argmax);
        LayerCheck.Close(y, Floats(c, "y"), Tolerance, $"{name} y");
        var dx = new float[planes * g.InPlane];
        MaxPool2D.Backward(Floats(c, "dy"), argmax, g, planes, dx);
        LayerCheck.Close(dx, Floats(c, "dx"), Tolerance, $"{name} dx");
    }

    [Fact]
    public void UpSamplingMatchesPyTorchNearest()
    {
        var c = Case("upsample-2x");
        int planes = Int(c, "planes"), h = Int(c, "height"), w = Int(c, "width"), f = Int(c, "factor");
        var y = new float[planes * h * f * w * f];
        UpSampling2D.Forward(Floats(c, "x"), planes, h, w, f, f, y);
        LayerCheck.Close(y, Floats(c, "y"), Tolerance, "y");
        var dx = new float[planes * h * w];
        UpSampling2D.Backward(Floats(c, "dy"), planes, h, w, f, f, dx);
        LayerCheck.Close(dx, Floats(c, "dx"), Tolerance, "dx");
    }

    [Fact]
    public void VaeLossAndSamplingMatchPyTorchExamplesVae()
    {
        var c = Case("vae-loss");
        int batch = Int(c, "batch"), pixels = Int(c, "pixels"), latent = Int(c, "latent");
        float[] logits = Floats(c, "logits"), target = Floats(c, "target"), mean = Floats(c, "mean"), logvar = Floats(c, "logvar");
        var losses = new float[batch];
        VaeLoss.Forward(logits, target, mean, logvar, batch, pixels, latent, losses);
        LayerCheck.Close(losses, Floats(c, "losses"), Tolerance, "per-image losses");

        float[] dlogits = new float[logits.Length], dmean = new float[mean.Length], dlogvar = new float[logvar.Length];
        VaeLoss.Backward(logits, target, mean, logvar, batch, pixels, latent, 1f / batch, dlogits, dmean, dlogvar);
        LayerCheck.Close(dlogits, Floats(c, "dlogits"), Tolerance, "dlogits");
        LayerCheck.Close(dmean, Floats(c, "dmean"), Tolerance, "dmean");
        LayerCheck.Close(dlogvar, Floats(c, "dlogvar"), Tolerance, "dlogvar");

        var eps = Floats(c, "eps");
        var z = new float[mean.Length];
        GaussianSample.Forward(mean, logvar, eps, z);
        LayerCheck.Close(z, Floats(c, "z"), Tolerance, "z");
        Array.Clear(dmean);
        Array.Clear(dlogvar);
        GaussianSample.Backward(Floats(c, "dz"), logvar, eps, dmean, dlogvar);
        LayerCheck.Close(dmean, Floats(c, "dmeanSample"), Tolerance, "dmean through z");
        LayerCheck.Close(dlogvar, Floats(c, "dlogvarSample"), Tolerance, "dlogvar through z");
    }

    [Fact]
    public void TheGoldenFileCoversEveryLayer()
    {
        var kinds = Cases.Select(c => c.GetProperty("kind").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "conv", "maxpool", "upsample", "vae" }, kinds);
        Assert.Contains(Cases, c => c.GetProperty("kind").GetString() == "conv" && Int(c, "stride") == 2 && c.GetProperty("padding").GetString() == "same");
    }

    // PyTorch's [batch, channels, plane] as the engine's [channels, batch, plane].
    private static float[] ChannelMajor(float[] nchw, int batch, int channels)
    {
        var plane = nchw.Length / (batch * channels);
        var cnhw = new float[nchw.Length];
        for (var n = 0; n < batch; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                nchw.AsSpan(((n * channels) + c) * plane, plane).CopyTo(cnhw.AsSpan(((c * batch) + n) * plane, plane));
            }
        }

        return cnhw;
    }

    private static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    private static int Int(JsonElement c, string key) => c.GetProperty(key).GetInt32();

    private static float[] Floats(JsonElement c, string key) => [.. c.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble())];

    private static JsonElement[] LoadCases()
    {
        var root = RepositoryPaths.GoldenJson("conv-layers.json");
        return [.. root.GetProperty("cases").EnumerateArray()];
    }
}
