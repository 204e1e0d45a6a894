namespace Vectorized.Autoencoders.Optimizers;

/// <summary>Which update rule training uses.</summary>
public enum Optimizer
{
    Adam,
    SgdMomentum,
}
