using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.Tests.Serialization.Onnx;

/// <summary>
/// Reads the exported bytes back with an independent decoder: versions, names, shapes and the
/// weights' exact bits. ONNX Runtime and the onnx checker test the same files in the OnnxTests project.
/// </summary>
public class OnnxExportTests
{
    // Field numbers of onnx.proto, restated here so a wrong constant in the encoder is caught.
    private const int ModelIrVersion = 1, ModelGraph = 7, ModelOpsetImport = 8, ModelMetadata = 14;
    private const int GraphNode = 1, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeOpType = 4, NodeAttribute = 5;
    private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;

    private static Autoencoder Deep()
    {
        var random = new Random(5);
        var parameters = new float[Autoencoder.CountParameters(AutoencoderOptions.Deep)];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)random.NextDouble() - 0.5f;
        }

        return Autoencoder.FromParameters(AutoencoderOptions.Deep, parameters);
    }

    [Fact]
    public void ModelDeclaresIrSevenAndOpsetThirteen()
    {
        var model = ProtoReader.Fields(OnnxExport.ToBytes(Deep(), OnnxPart.Full));
        Assert.Equal(7UL, model.One(ModelIrVersion).Varint);
        var opset = ProtoReader.Fields(model.One(ModelOpsetImport).Bytes);
        Assert.Equal("", opset.One(1).Text());
        Assert.Equal(13UL, opset.One(2).Varint);
        var metadata = model.All(ModelMetadata).Select(f => ProtoReader.Fields(f.Bytes)).ToDictionary(e => e.One(1).Text(), e => e.One(2).Text());
        Assert.Equal("full", metadata["vecae.part"]);
        Assert.Equal(AutoencoderOptions.Deep, ArchitectureJson.Read(metadata["vecae.architecture"]));
    }

    [Theory]
    [InlineData(OnnxPart.Full, "input", "reconstruction", 784, 784, "Gemm Relu Gemm Relu Gemm Relu Gemm Sigmoid")]
    [InlineData(OnnxPart.Encoder, "input", "code", 784, 32, "Gemm Relu Gemm Relu")]
    [InlineData(OnnxPart.Decoder, "code", "reconstruction", 32, 784, "Gemm Relu Gemm Sigmoid")]
    public void GraphChainsGemmAndActivations(OnnxPart part, string input, string output, int inputSize, int outputSize, string ops)
    {
        var graph = ProtoReader.Fields(ProtoReader.Fields(OnnxExport.ToBytes(Deep(), part)).One(ModelGraph).Bytes);
        var nodes = graph.All(GraphNode).Select(n => ProtoReader.Fields(n.Bytes)).ToList();
        Assert.Equal(ops, string.Join(' ', nodes.Select(n => n.One(NodeOpType).Text())));
        Assert.Equal(input, nodes[0].All(NodeInput).First().Text());
        Assert.Equal(output, nodes[^1].One(NodeOutput).Text());
        for (var i = 1; i < nodes.Count; i++)
        {
            // Each node reads what the one before it wrote: a chain, in topological order.
            Assert.Equal(nodes[i - 1].One(NodeOutput).Text(), nodes[i].All(NodeInput).First().Text());
        }

        foreach (var gemm in nodes.Where(n => n.One(NodeOpType).Text() == "Gemm"))
        {
            var attribute = ProtoReader.Fields(gemm.One(NodeAttribute).Bytes);
            Assert.Equal("transB", attribute.One(1).Text());
            Assert.Equal(1UL, attribute.One(3).Varint);
            Assert.Equal(2UL, attribute.One(20).Varint);
        }

        AssertValue(graph.One(GraphInput), input, inputSize);
        AssertValue(graph.One(GraphOutput), output, outputSize);
    }

    [Fact]
    public void InitializersHoldTheWeightsBitForBit()
    {
        var model = Deep();
        var graph = ProtoReader.Fields(ProtoReader.Fields(OnnxExport.ToBytes(model, OnnxPart.Full)).One(ModelGraph).Bytes);
        var tensors = graph.All(GraphInitializer).Select(t => ProtoReader.Fields(t.Bytes)).ToDictionary(t => t.One(TensorName).Text());
        Assert.Equal(8, tensors.Count);
        foreach (var layer in model.Layers)
        {
            var weight = tensors[layer.Name + ".weight"];
            Assert.Equal(1UL, weight.One(TensorDataType).Varint);
            Assert.Equal([(long)layer.OutputSize, layer.InputSize], PackedInt64(weight.One(TensorDims).Bytes));
            Assert.Equal(MemoryMarshal.AsBytes(layer.Weights).ToArray(), weight.One(TensorRawData).Bytes);
            Assert.Equal(MemoryMarshal.AsBytes(layer.Bias).ToArray(), tensors[layer.Name + ".bias"].One(TensorRawData).Bytes);
        }
    }

    [Fact]
    public void ExportIsDeterministic() =>
        Assert.Equal(OnnxExport.ToBytes(Deep(), OnnxPart.Full), OnnxExport.ToBytes(Deep(), OnnxPart.Full));

    [Fact]
    public void GraphBuilderRefusesDuplicateNamesAndDanglingOutputs()
    {
        var builder = new OnnxGraphBuilder();
        builder.Constant("w", [1f], 1);
        Assert.Throws<InvalidOperationException>(() => builder.Constant("w", [1f], 1));
        var info = new OnnxValueInfo("y", OnnxElementType.Float, [OnnxDimension.Symbolic("batch")]);
        Assert.Throws<InvalidOperationException>(() => builder.Build("g", [info], [info]));
        Assert.Throws<ArgumentException>(() => OnnxTensor.Float32("t", [1f, 2f], 3));
    }

    /// <summary>ValueInfoProto: name, then TypeProto.tensor_type with elem_type FLOAT and shape [batch, size].</summary>
    private static void AssertValue(ProtoReader.Field field, string name, int size)
    {
        var value = ProtoReader.Fields(field.Bytes);
        Assert.Equal(name, value.One(1).Text());
        var tensorType = ProtoReader.Fields(ProtoReader.Fields(value.One(2).Bytes).One(1).Bytes);
        Assert.Equal(1UL, tensorType.One(1).Varint);
        var dims = ProtoReader.Fields(tensorType.One(2).Bytes).All(1).Select(d => ProtoReader.Fields(d.Bytes)).ToList();
        Assert.Equal(2, dims.Count);
        Assert.Equal("batch", dims[0].One(2).Text());
        Assert.Equal((ulong)size, dims[1].One(1).Varint);
    }

    private static long[] PackedInt64(byte[] bytes)
    {
        var values = new List<long>();
        var at = 0;
        while (at < bytes.Length)
        {
            values.Add((long)ProtoReader.Varint(bytes, ref at));
        }

        return values.ToArray();
    }
}
