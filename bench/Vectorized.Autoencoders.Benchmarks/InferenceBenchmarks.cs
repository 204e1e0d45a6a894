using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// Inference of the article's deep model (784-128-32-128-784) in vecae beside ONNX Runtime running
/// the very model vecae exports, both on one thread: the encoder, the decoder and the full model, batch 1
/// (latency) and batch 256 (throughput). Both write into buffers allocated once; ONNX Runtime's
/// inputs and outputs are pre-bound OrtValues over them, so neither side copies per call.
/// Run: dotnet run -c Release --project bench/Vectorized.Autoencoders.Benchmarks -- --filter *InferenceBenchmarks*
/// Goals (issue 12): vecae at most 0.5x ONNX Runtime's time at batch 1, at least 1.2x its throughput at batch 256.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private Autoencoder _model = null!;
    private float[] _x = [];
    private float[] _y = [];
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _input = null!;
    private OrtValue _output = null!;
    private string[] _inputNames = [];
    private string[] _outputNames = [];

    [Params(OnnxPart.Encoder, OnnxPart.Decoder, OnnxPart.Full)]
    public OnnxPart Part { get; set; }

    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = Autoencoder.Create(AutoencoderOptions.Deep, 1);
        var rng = new Xoshiro256(1);
        var inputSize = Part == OnnxPart.Decoder ? _model.CodeSize : _model.InputSize;
        _x = new float[Batch * inputSize];
        for (var i = 0; i < _x.Length; i++)
        {
            // MNIST-like: most pixels black (for the decoder, codes of the same spread).
            _x[i] = rng.NextDouble() < 0.8 ? 0f : (float)rng.NextDouble();
        }

        var outputSize = Part == OnnxPart.Encoder ? _model.CodeSize : _model.OutputSize;
        _y = new float[Batch * outputSize];

        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(OnnxExport.ToBytes(_model, Part), options);
        _runOptions = new RunOptions();
        _inputNames = [Part == OnnxPart.Decoder ? OnnxExport.CodeName : OnnxExport.InputName];
        _outputNames = [Part == OnnxPart.Encoder ? OnnxExport.CodeName : OnnxExport.ReconstructionName];
        _input = OrtValue.CreateTensorValueFromMemory(_x, [Batch, inputSize]);
        _output = OrtValue.CreateTensorValueFromMemory(_y, [Batch, outputSize]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>vecae's public inference API, one thread.</summary>
    [Benchmark(Baseline = true)]
    public float Vecae()
    {
        switch (Part)
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

    /// <summary>ONNX Runtime (CPU execution provider, one intra-op thread) on the exported file.</summary>
    [Benchmark]
    public float OnnxRuntime()
    {
        _session.Run(_runOptions, _inputNames, [_input], _outputNames, [_output]);
        return _y[0];
    }
}
