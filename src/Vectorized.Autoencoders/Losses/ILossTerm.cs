namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// A term added to the loss that is a function of one activation of the network (an activity
/// penalty on the code; the VAE's KL divergence on its mean and log-variance). Its gradient is
/// added to that activation's gradient before the backward walk, as the loss's own is.
/// </summary>
internal interface ILossTerm
{
    /// <summary>The term's value for the batch.</summary>
    // a: [batch, width]
    double Forward(ReadOnlySpan<float> a, int batch, bool training);

    /// <summary>da += d(term)/da.</summary>
    // a, da: [batch, width]
    void Backward(ReadOnlySpan<float> a, int batch, Span<float> da);
}
