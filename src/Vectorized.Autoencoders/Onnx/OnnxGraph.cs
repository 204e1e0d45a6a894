using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.Onnx;

// A small in-memory form of the parts of ONNX's ModelProto that an exporter fills in. Each record
// mirrors one message of onnx.proto; OnnxEncoder turns them into the wire format.

/// <summary>ONNX's TensorProto.DataType codes for the element types the exporter writes.</summary>
internal enum OnnxElementType
{
    Float = 1,
    UInt8 = 2,
    Int64 = 7,
}

/// <summary>One dimension of a value's shape: a fixed size, or a symbolic name such as <c>batch</c>.</summary>
internal readonly record struct OnnxDimension(long Value, string? Parameter)
{
    public static OnnxDimension Fixed(long value) => new(value, null);

    public static OnnxDimension Symbolic(string name) => new(0, name);
}

/// <summary>A graph input or output: name, element type and shape (ValueInfoProto with a tensor TypeProto).</summary>
internal sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDimension> Shape);

/// <summary>A constant tensor (an initializer): little-endian elements in row-major order, stored as raw_data.</summary>
internal sealed record OnnxTensor(string Name, OnnxElementType ElementType, long[] Dimensions, byte[] RawData)
{
    // values: [product of dimensions]
    public static OnnxTensor Float32(string name, ReadOnlySpan<float> values, params long[] dimensions)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
            }
        }

        return Checked(new OnnxTensor(name, OnnxElementType.Float, dimensions, bytes), values.Length);
    }

    // values: [product of dimensions]
    public static OnnxTensor Int64(string name, ReadOnlySpan<long> values, params long[] dimensions)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return Checked(new OnnxTensor(name, OnnxElementType.Int64, dimensions, bytes), values.Length);
    }

    private static OnnxTensor Checked(OnnxTensor tensor, int count)
    {
        long product = 1;
        foreach (var d in tensor.Dimensions)
        {
            product = checked(product * d);
        }

        return product == count ? tensor : throw new ArgumentException($"tensor '{tensor.Name}': shape [{string.Join(", ", tensor.Dimensions)}] holds {product} elements, {count} given");
    }
}

/// <summary>The kinds of attribute value the exporter writes (AttributeProto.AttributeType codes).</summary>
internal enum OnnxAttributeType
{
    Float = 1,
    Int = 2,
    String = 3,
    Floats = 6,
    Ints = 7,
}

/// <summary>A named operator attribute, e.g. Gemm's <c>transB = 1</c> or a Conv's <c>kernel_shape</c>.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeType Type, long Int = 0, float Float = 0f, string? Text = null, long[]? Ints = null, float[]? Floats = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, OnnxAttributeType.Int, Int: value);

    public static OnnxAttribute Of(string name, float value) => new(name, OnnxAttributeType.Float, Float: value);

    public static OnnxAttribute Of(string name, string value) => new(name, OnnxAttributeType.String, Text: value);

    public static OnnxAttribute Of(string name, params long[] values) => new(name, OnnxAttributeType.Ints, Ints: values);

    public static OnnxAttribute Of(string name, params float[] values) => new(name, OnnxAttributeType.Floats, Floats: values);
}

/// <summary>One operator application (NodeProto) in the default ONNX domain.</summary>
internal sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>A graph (GraphProto): nodes in topological order, constant tensors, inputs and outputs.</summary>
internal sealed record OnnxGraph(string Name, IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<OnnxTensor> Initializers, IReadOnlyList<OnnxValueInfo> Inputs, IReadOnlyList<OnnxValueInfo> Outputs);

/// <summary>A whole model file (ModelProto): the graph, the versions it targets, who made it, and string metadata.</summary>
internal sealed record OnnxModel(OnnxGraph Graph, long IrVersion, long OpsetVersion, string ProducerName, string ProducerVersion, string DocString, IReadOnlyList<(string Key, string Value)> Metadata);
