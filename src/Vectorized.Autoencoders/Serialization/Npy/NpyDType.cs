namespace Vectorized.Autoencoders.Serialization.Npy;

/// <summary>The element types vecae reads and writes in .npy files.</summary>
public enum NpyDType
{
    /// <summary>float32: NumPy's <c>'&lt;f4'</c> (also read big-endian, <c>'&gt;f4'</c>).</summary>
    Float32,

    /// <summary>uint8: NumPy's <c>'|u1'</c>.</summary>
    UInt8,
}
