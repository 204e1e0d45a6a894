namespace Vectorized.Autoencoders.Training;

/// <summary>The names of <see cref="RandomStreams"/> in checkpoints and on the command line: <c>vecae</c>, <c>pytorch</c>.</summary>
public static class RandomStreamsNames
{
    public static string Name(RandomStreams streams) => streams switch
    {
        RandomStreams.Vecae => "vecae",
        RandomStreams.PyTorch => "pytorch",
        _ => throw new ArgumentOutOfRangeException(nameof(streams)),
    };

    public static RandomStreams Parse(string name) => name switch
    {
        "vecae" => RandomStreams.Vecae,
        "pytorch" => RandomStreams.PyTorch,
        _ => throw new ArgumentException($"Unknown random streams '{name}'; expected vecae or pytorch."),
    };
}
