using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Onnx;

/// <summary>
/// Collects a graph's nodes and constants layer by layer. Each operator the engine's layers need
/// has one method here that returns the name of the value it produces, so a model's exporter reads
/// as its forward pass: <c>x = Gemm(x, ...); x = Activation(x, ...)</c>. A new layer kind (a
/// convolution, a pooling, a resize, a variational encoder's mean) adds one method and its tests.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Adds a float32 constant (a weight or bias) and returns its name.</summary>
    // values: [product of dimensions]
    public string Constant(string name, ReadOnlySpan<float> values, params long[] dimensions)
    {
        Claim(name);
        _initializers.Add(OnnxTensor.Float32(name, values, dimensions));
        return name;
    }

    /// <summary>
    /// A dense layer's <c>x W^T + b</c>: ONNX Gemm with transB = 1, so the weights keep the engine's
    /// (and PyTorch's) [out, in] layout and the bias broadcasts over the batch.
    /// </summary>
    // x: [batch, in], weight: [out, in], bias: [out] -> [batch, out]
    public string Gemm(string prefix, string x, string weight, string bias, string? output = null) =>
        Node("Gemm", prefix, [x, weight, bias], output, OnnxAttribute.Of("transB", 1L));

    /// <summary>The activation as its ONNX operator; linear adds an Identity only when the value must take a given name.</summary>
    public string Activation(string prefix, string x, Activation activation, string? output = null) => activation switch
    {
        Layers.Activation.Linear => output is null ? x : Node("Identity", prefix, [x], output),
        Layers.Activation.Relu => Node("Relu", prefix, [x], output),
        Layers.Activation.Sigmoid => Node("Sigmoid", prefix, [x], output),
        Layers.Activation.Tanh => Node("Tanh", prefix, [x], output),
        Layers.Activation.LeakyRelu => Node("LeakyRelu", prefix, [x], output, OnnxAttribute.Of("alpha", ActivationFunctions.LeakyReluSlope)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "activation without an ONNX operator"),
    };

    /// <summary>Adds an int64 constant (a shape) and returns its name.</summary>
    public string Int64Constant(string name, params long[] values)
    {
        Claim(name);
        _initializers.Add(OnnxTensor.Int64(name, values, values.Length));
        return name;
    }

    /// <summary>
    /// A convolution with explicit padding [top, left, bottom, right] (Keras' same puts the odd unit
    /// after, which ONNX's auto_pad SAME_UPPER also does; explicit pads say it without relying on that).
    /// </summary>
    // x: [batch, in, h, w], weight: [out, in, kh, kw], bias: [out] -> [batch, out, oh, ow]
    public string Conv(string prefix, string x, string weight, string bias, long[] kernel, long stride, long[] pads, string? output = null) =>
        Node("Conv", prefix, [x, weight, bias], output, OnnxAttribute.Of("kernel_shape", kernel), OnnxAttribute.Of("strides", stride, stride), OnnxAttribute.Of("pads", pads));

    /// <summary>Max-pooling; padded cells never win (ONNX's MaxPool pools the valid cells only).</summary>
    // x: [batch, c, h, w] -> [batch, c, oh, ow]
    public string MaxPool(string prefix, string x, long pool, long stride, long[] pads, string? output = null) =>
        Node("MaxPool", prefix, [x], output, OnnxAttribute.Of("kernel_shape", pool, pool), OnnxAttribute.Of("strides", stride, stride), OnnxAttribute.Of("pads", pads));

    /// <summary>Nearest up-sampling by an integer factor: Resize, asymmetric coordinates, floor (output (oy, ox) copies (oy / f, ox / f)).</summary>
    // x: [batch, c, h, w], scales: the name of a float [1, 1, f, f] constant -> [batch, c, h f, w f]
    public string UpsampleNearest(string prefix, string x, string scales, string? output = null) =>
        Node("Resize", prefix, [x, "", scales], output,
            OnnxAttribute.Of("mode", "nearest"), OnnxAttribute.Of("coordinate_transformation_mode", "asymmetric"), OnnxAttribute.Of("nearest_mode", "floor"));

    /// <summary>Reshapes to the int64 shape constant <paramref name="shape"/> (-1: the batch).</summary>
    public string Reshape(string prefix, string x, string shape, string? output = null) => Node("Reshape", prefix, [x, shape], output);

    /// <summary>Passes <paramref name="x"/> on under the name <paramref name="output"/>.</summary>
    public string Identity(string prefix, string x, string output) => Node("Identity", prefix, [x], output);

    /// <summary>The graph with the given inputs and outputs; every output must be a value some node produces.</summary>
    public OnnxGraph Build(string name, IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs)
    {
        foreach (var output in outputs)
        {
            if (!_nodes.Any(n => n.Outputs.Contains(output.Name)))
            {
                throw new InvalidOperationException($"graph output '{output.Name}' is produced by no node");
            }
        }

        return new OnnxGraph(name, _nodes.ToArray(), _initializers.ToArray(), inputs, outputs);
    }

    /// <summary>Adds one node named <c>prefix/OpType</c>; its output is <paramref name="output"/> or that same name.</summary>
    private string Node(string opType, string prefix, string[] inputs, string? output, params OnnxAttribute[] attributes)
    {
        var name = $"{prefix}/{opType}";
        Claim(name);
        var result = output ?? name;
        if (output is not null)
        {
            Claim(output);
        }

        _nodes.Add(new OnnxNode(opType, name, inputs, [result], attributes));
        return result;
    }

    private void Claim(string name)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"the graph already has a value or node named '{name}'");
        }
    }
}
