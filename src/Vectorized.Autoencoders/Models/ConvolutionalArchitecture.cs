namespace Vectorized.Autoencoders.Models;

/// <summary>
/// Which of the Keras blog's convolutional autoencoders a model is (<c>pytorch_convae.py --arch</c>),
/// or <see cref="None"/> for a dense or variational model.
/// </summary>
internal enum ConvolutionalArchitecture
{
    None,

    /// <summary><c>--arch small</c>: three conv + pool stages to a 4x4x8 code and back (vecae's <c>conv</c>).</summary>
    Small,

    /// <summary><c>--arch denoise</c>: two conv 32 + pool stages to a 7x7x32 code and back (vecae's <c>conv-denoising</c>).</summary>
    Denoising,
}
