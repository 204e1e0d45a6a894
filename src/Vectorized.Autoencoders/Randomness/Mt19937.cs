namespace Vectorized.Autoencoders.Randomness;

/// <summary>
/// MT19937, the 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998): PyTorch's CPU generator,
/// here so that <see cref="RandomStreams.PyTorch"/> can replay PyTorch's draws bit for bit.
/// Seeded like <c>torch.manual_seed(s)</c>: the reference <c>init_genrand</c> of the low 32 bits
/// of <c>s</c>. <see cref="NextUInt32"/> is PyTorch's <c>random()</c>.
/// </summary>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908B0DF;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7FFFFFFF;

    private readonly uint[] _state = new uint[N];
    private int _next;

    /// <summary>Seeds as <c>torch.manual_seed(seed)</c> does: only the low 32 bits count.</summary>
    public Mt19937(ulong seed)
    {
        _state[0] = (uint)seed;
        for (var i = 1; i < N; i++)
        {
            var previous = _state[i - 1];
            _state[i] = 1812433253u * (previous ^ (previous >> 30)) + (uint)i;
        }

        _next = N;
    }

    /// <summary>The next 32-bit output (PyTorch's <c>CPUGeneratorImpl::random()</c>).</summary>
    public uint NextUInt32()
    {
        if (_next >= N)
        {
            Twist();
        }

        var y = _state[_next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Advances past <paramref name="count"/> outputs without computing them.</summary>
    public void Skip(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        while (count > 0)
        {
            if (_next >= N)
            {
                Twist();
            }

            // Tempering does not touch the state, so a skipped output only moves the index.
            var take = (int)Math.Min(count, N - _next);
            _next += take;
            count -= take;
        }
    }

    /// <summary>Regenerates all N words of the state from the previous ones (the recurrence of the definition).</summary>
    private void Twist()
    {
        var s = _state;
        for (var i = 0; i < N; i++)
        {
            var y = (s[i] & UpperMask) | (s[(i + 1) % N] & LowerMask);
            s[i] = s[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }

        _next = 0;
    }
}
