namespace Vectorized.Autoencoders.Models;

/// <summary>What <c>Evaluate</c> reports.</summary>
/// <param name="Loss">Keras' evaluate(): the sample-weighted mean over batches of (reconstruction loss + penalties).</param>
/// <param name="ReconstructionLoss">The same without the penalties.</param>
/// <param name="MeanCode">Mean of all code values.</param>
/// <param name="ZeroFraction">Fraction of code values exactly zero.</param>
/// <param name="Count">Samples evaluated.</param>
public sealed record EvaluationResult(double Loss, double ReconstructionLoss, double MeanCode, double ZeroFraction, int Count);
