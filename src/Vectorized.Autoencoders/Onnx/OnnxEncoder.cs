namespace Vectorized.Autoencoders.Onnx;

/// <summary>
/// Encodes an <see cref="OnnxModel"/> as the bytes of an ONNX file: a ModelProto in the protobuf
/// wire format. The field numbers are those of onnx/onnx.proto, named here once each.
/// </summary>
internal static class OnnxEncoder
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelDocString = 6;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;

    // OperatorSetIdProto
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;

    // StringStringEntryProto
    private const int EntryKey = 1;
    private const int EntryValue = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    // AttributeProto
    private const int AttributeName = 1;
    private const int AttributeFloat = 2;
    private const int AttributeInt = 3;
    private const int AttributeString = 4;
    private const int AttributeFloats = 7;
    private const int AttributeInts = 8;
    private const int AttributeTypeField = 20;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensorType = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;

    public static byte[] Encode(OnnxModel model)
    {
        var proto = new ProtoWriter();
        proto.Int64(ModelIrVersion, model.IrVersion);
        proto.String(ModelProducerName, model.ProducerName);
        proto.String(ModelProducerVersion, model.ProducerVersion);
        if (model.DocString.Length > 0)
        {
            proto.String(ModelDocString, model.DocString);
        }

        proto.Message(ModelGraph, Graph(model.Graph));
        var opset = new ProtoWriter();
        // The empty domain is the standard ai.onnx operator set.
        opset.String(OpsetDomain, "");
        opset.Int64(OpsetVersion, model.OpsetVersion);
        proto.Message(ModelOpsetImport, opset);
        foreach (var (key, value) in model.Metadata)
        {
            var entry = new ProtoWriter();
            entry.String(EntryKey, key);
            entry.String(EntryValue, value);
            proto.Message(ModelMetadataProps, entry);
        }

        return proto.Written.ToArray();
    }

    private static ProtoWriter Graph(OnnxGraph graph)
    {
        var proto = new ProtoWriter();
        foreach (var node in graph.Nodes)
        {
            proto.Message(GraphNode, Node(node));
        }

        proto.String(GraphName, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            proto.Message(GraphInitializer, Tensor(tensor));
        }

        foreach (var input in graph.Inputs)
        {
            proto.Message(GraphInput, ValueInfo(input));
        }

        foreach (var output in graph.Outputs)
        {
            proto.Message(GraphOutput, ValueInfo(output));
        }

        return proto;
    }

    private static ProtoWriter Node(OnnxNode node)
    {
        var proto = new ProtoWriter();
        foreach (var input in node.Inputs)
        {
            proto.String(NodeInput, input);
        }

        foreach (var output in node.Outputs)
        {
            proto.String(NodeOutput, output);
        }

        proto.String(NodeName, node.Name);
        proto.String(NodeOpType, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            proto.Message(NodeAttribute, Attribute(attribute));
        }

        return proto;
    }

    private static ProtoWriter Attribute(OnnxAttribute attribute)
    {
        var proto = new ProtoWriter();
        proto.String(AttributeName, attribute.Name);
        switch (attribute.Type)
        {
            case OnnxAttributeType.Float:
                proto.Float(AttributeFloat, attribute.Float);
                break;
            case OnnxAttributeType.Int:
                proto.Int64(AttributeInt, attribute.Int);
                break;
            case OnnxAttributeType.String:
                proto.String(AttributeString, attribute.Text ?? "");
                break;
            case OnnxAttributeType.Floats:
                proto.PackedFloat(AttributeFloats, attribute.Floats ?? []);
                break;
            case OnnxAttributeType.Ints:
                proto.PackedInt64(AttributeInts, attribute.Ints ?? []);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Type, "attribute type the encoder does not write");
        }

        proto.Int64(AttributeTypeField, (long)attribute.Type);
        return proto;
    }

    private static ProtoWriter Tensor(OnnxTensor tensor)
    {
        var proto = new ProtoWriter();
        proto.PackedInt64(TensorDims, tensor.Dimensions);
        proto.Int64(TensorDataType, (long)tensor.ElementType);
        proto.String(TensorName, tensor.Name);
        proto.Bytes(TensorRawData, tensor.RawData);
        return proto;
    }

    private static ProtoWriter ValueInfo(OnnxValueInfo value)
    {
        var shape = new ProtoWriter();
        foreach (var dimension in value.Shape)
        {
            var dim = new ProtoWriter();
            if (dimension.Parameter is { } name)
            {
                dim.String(DimParam, name);
            }
            else
            {
                dim.Int64(DimValue, dimension.Value);
            }

            shape.Message(ShapeDim, dim);
        }

        var tensorType = new ProtoWriter();
        tensorType.Int64(TensorTypeElemType, (long)value.ElementType);
        tensorType.Message(TensorTypeShape, shape);
        var type = new ProtoWriter();
        type.Message(TypeTensorType, tensorType);

        var proto = new ProtoWriter();
        proto.String(ValueInfoName, value.Name);
        proto.Message(ValueInfoType, type);
        return proto;
    }
}
