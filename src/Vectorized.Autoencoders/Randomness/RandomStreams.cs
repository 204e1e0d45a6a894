namespace Vectorized.Autoencoders.Randomness;

/// <summary>
/// Which random numbers make a model's initial weights and the per-epoch batch order. The engine's
/// own streams are the default; <see cref="PyTorch"/> exists so a run can be compared with the
/// PyTorch peer seed by seed (the project's reference numbers were measured with PyTorch seeds 1-3)
/// rather than only statistically over seeds.
/// </summary>
public enum RandomStreams
{
    /// <summary>The engine's own generators: xoshiro256** for the weights and a Fisher-Yates shuffle.</summary>
    Vecae,

    /// <summary>
    /// PyTorch 1.13's CPU generator (<see cref="Mt19937"/>), drawn as the peer script
    /// <c>pytorch_ae.py --init keras --seed N</c> draws it: <c>torch.manual_seed(N)</c>, one
    /// <c>nn.Linear</c> per layer (their constructors' draws are skipped), <c>xavier_uniform_</c> on
    /// every weight and zero biases, then <c>torch.randperm(n)</c> at the start of every epoch from the
    /// same generator. Same seed, same initial weights and batch order as PyTorch, bit for bit, as long
    /// as PyTorch runs its AVX2 or AVX-512 kernels (its <c>uniform_</c> then fuses multiply and add).
    /// Only <see cref="Layers.Initializer.GlorotUniform"/> is supported. The denoising model's noise
    /// stays on the engine's own stream (the peer's noise draws come before its model is built, so its
    /// initial weights are not replayed).
    /// </summary>
    PyTorch,
}
