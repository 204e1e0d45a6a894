// Embedding Vectorized.Autoencoders: train a small autoencoder, save it, load it back, encode.
// Runs on synthetic data so it needs no download.
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Training;

// 1,000 samples of 64 values: two noisy prototypes, so a 4-D code can tell them apart.
const int count = 1_000, size = 64;
var data = new float[count * size];
var rng = new Random(42);
for (var i = 0; i < count; i++)
{
    for (var j = 0; j < size; j++)
    {
        var prototype = (i % 2 == 0) == (j < size / 2) ? 0.9f : 0.1f;
        data[i * size + j] = Math.Clamp(prototype + 0.05f * (float)(rng.NextDouble() - 0.5), 0f, 1f);
    }
}

var samples = new FloatSamples(data, size);

var options = AutoencoderOptions.Shallow with { LayerSizes = [samples.SampleSize, 16, 4, 16, samples.SampleSize] };
var model = Autoencoder.Create(options, seed: 1);
var history = model.Fit(samples, new TrainingOptions { Epochs = 3, BatchSize = 32, Seed = 1 });
foreach (var epoch in history.Epochs)
{
    Console.WriteLine($"epoch {epoch.Epoch}: train loss {epoch.TrainLoss:F4}");
}

var path = Path.Combine(Path.GetTempPath(), $"embedding-sample-{Environment.ProcessId}.safetensors");
model.Save(path);
var loaded = Autoencoder.Load(path);
File.Delete(path);

var codes = loaded.Encode(samples);
var original = model.Encode(samples);
var identical = codes.AsSpan().SequenceEqual(original);
Console.WriteLine($"codes: {samples.Count} x {loaded.CodeSize}, first = [{string.Join(", ", codes.Take(loaded.CodeSize).Select(c => c.ToString("F3")))}]");
Console.WriteLine($"saved and loaded model encodes identically: {identical}");
return identical ? 0 : 1;
