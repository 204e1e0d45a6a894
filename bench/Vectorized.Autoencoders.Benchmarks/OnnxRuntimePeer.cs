using Microsoft.ML.OnnxRuntime;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// One part of a model in vecae and in ONNX Runtime, over the same buffers: ONNX Runtime runs the
/// file vecae exports (CPU execution provider, one intra-op thread), its input and output pre-bound
/// OrtValues over the arrays both sides read and write, so neither side copies per call.
/// </summary>
internal sealed class OnnxRuntimePeer : IDisposable
{
    private readonly Autoencoder _model;
    private readonly OnnxPart _part;
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxRuntimePeer(Autoencoder model, OnnxPart part, int batch)
    {
        (_model, _part) = (model, part);
        var rng = new Xoshiro256(1);
        var inputSize = part == OnnxPart.Decoder ? model.CodeSize : model.InputSize;
        _x = new float[batch * inputSize];
        for (var i = 0; i < _x.Length; i++)
        {
            // MNIST-like: most pixels black (for the decoder, codes of the same spread).
            _x[i] = rng.NextDouble() < 0.8 ? 0f : (float)rng.NextDouble();
        }

        var outputSize = part == OnnxPart.Encoder ? model.CodeSize : model.OutputSize;
        _y = new float[batch * outputSize];

        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(OnnxExport.ToBytes(model, part), options);
        _inputNames = [part == OnnxPart.Decoder ? OnnxExport.CodeName : OnnxExport.InputName];
        _outputNames = [part == OnnxPart.Encoder ? OnnxExport.CodeName : OnnxExport.ReconstructionName];
        _input = OrtValue.CreateTensorValueFromMemory(_x, [batch, inputSize]);
        _output = OrtValue.CreateTensorValueFromMemory(_y, [batch, outputSize]);
        Batch = batch;
    }

    public int Batch { get; }

    /// <summary>vecae's public inference API on one thread; returns an output so the call is not dropped.</summary>
    public float RunVecae()
    {
        switch (_part)
        {
            case OnnxPart.Encoder:
                _model.Encode(_x, Batch, _y, threads: 1);
                break;
            case OnnxPart.Decoder:
                _model.Decode(_x, Batch, _y, threads: 1);
                break;
            default:
                _model.Predict(_x, Batch, _y, threads: 1);
                break;
        }

        return _y[0];
    }

    /// <summary>ONNX Runtime on the exported file.</summary>
    public float RunOnnxRuntime()
    {
        _session.Run(_runOptions, _inputNames, [_input], _outputNames, [_output]);
        return _y[0];
    }

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
