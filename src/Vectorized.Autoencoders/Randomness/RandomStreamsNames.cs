namespace Vectorized.Autoencoders.Randomness;

/// <summary>The names of <see cref="RandomStreams"/> in checkpoints and on the command line: <c>vecae</c>, <c>pytorch</c>.</summary>
public static class RandomStreamsNames
{
    public static string Name(RandomStreams streams) => streams switch
    {
        RandomStreams.Vecae => "vecae",
        RandomStreams.PyTorch => "pytorch",
        _ => throw new ArgumentOutOfRangeException(nameof(streams)),
    };

    public static RandomStreams Parse(string name) =>
        TryParse(name, out var streams) ? streams : throw new ArgumentException($"Unknown random streams '{name}'; expected vecae or pytorch.");

    /// <summary>False for a name that is neither <c>vecae</c> nor <c>pytorch</c> (the caller words the error).</summary>
    public static bool TryParse(string name, out RandomStreams streams)
    {
        (var known, streams) = name switch
        {
            "vecae" => (true, RandomStreams.Vecae),
            "pytorch" => (true, RandomStreams.PyTorch),
            _ => (false, RandomStreams.Vecae),
        };
        return known;
    }
}
