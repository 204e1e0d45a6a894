using System.Numerics;

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

    /// <summary>
    /// Regenerates all N words of the state from the previous ones (the recurrence of the definition),
    /// a vector of words at a time. Word i reads words i and i + 1 before they are rewritten and word
    /// i + M, which for i &lt; N - M is not yet rewritten and past it was rewritten N - M = 227 words
    /// earlier: no vector ever reads a word its own store writes, so every width gives the scalar
    /// recurrence's words. Skipping a denoiser's noise (tens of millions of draws, replayed when a model
    /// or a trainer starts) is all twists, and the scalar loop with its two remainders took 0.4 s.
    /// </summary>
    private void Twist()
    {
        var s = _state.AsSpan();
        var i = TwistVectors(s, 0, N - M, M);
        for (; i < N - M; i++)
        {
            s[i] = Word(s[i], s[i + 1], s[i + M]);
        }

        i = TwistVectors(s, N - M, N - 1, M - N);
        for (; i < N - 1; i++)
        {
            s[i] = Word(s[i], s[i + 1], s[i + M - N]);
        }

        // The last word pairs with word 0, already rewritten, as in the reference code.
        s[N - 1] = Word(s[N - 1], s[0], s[M - 1]);
        _next = 0;
    }

    // Words [start, end) a whole vector at a time while one fits; returns where the scalar rest begins
    // (start itself where vectors are not accelerated).
    private static int TwistVectors(Span<uint> s, int start, int end, int offset)
    {
        if (!Vector.IsHardwareAccelerated)
        {
            return start;
        }

        var width = Vector<uint>.Count;
        var upper = new Vector<uint>(UpperMask);
        var lower = new Vector<uint>(LowerMask);
        var one = Vector<uint>.One;
        var matrix = new Vector<uint>(MatrixA);
        var i = start;
        for (; i + width <= end; i += width)
        {
            var y = (new Vector<uint>(s[i..]) & upper) | (new Vector<uint>(s[(i + 1)..]) & lower);
            var odd = Vector.Equals(y & one, one);
            (new Vector<uint>(s[(i + offset)..]) ^ (y >> 1) ^ (odd & matrix)).CopyTo(s[i..]);
        }

        return i;
    }

    private static uint Word(uint current, uint next, uint far)
    {
        var y = (current & UpperMask) | (next & LowerMask);
        return far ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
    }
}
