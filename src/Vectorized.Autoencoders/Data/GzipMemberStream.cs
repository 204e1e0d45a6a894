using System.Buffers.Binary;
using System.IO.Compression;

namespace Vectorized.Autoencoders.Data;

/// <summary>
/// The decompressed bytes of a file that must be exactly one gzip member (RFC 1952): header,
/// deflate data, CRC-32 and length, then the end of the file. <see cref="GZipStream"/> ignores
/// whatever follows a member that does not look like another member, so a file with garbage
/// appended would pass; here the header is parsed by hand, the deflate data inflated by
/// <see cref="DeflateStream"/> over a view that ends where the trailer must start, and the inflater
/// has to end on exactly that byte. Corrupt data, a short file and anything after the member raise
/// <see cref="FileFormatException"/>. Concatenated members (legal gzip, never used for IDX files)
/// count as trailing data.
/// </summary>
internal sealed class GzipMemberStream : Stream
{
    private const int TrailerLength = 8;
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte ReservedFlags = 0xE0;

    private readonly Stream _file;
    private readonly string _name;
    private readonly long _trailerStart;
    private readonly DeflateView _view;
    private readonly DeflateStream _inflater;
    private uint _crc = Crc32.Start;
    private long _length;
    private bool _finished;
    private bool _truncationSeen;

    /// <param name="file">A seekable stream positioned at the gzip magic bytes; its end is the file's end.</param>
    public GzipMemberStream(Stream file, string name)
    {
        _file = file;
        _name = name;
        var end = file.Length;
        ReadHeader();
        _trailerStart = end - TrailerLength;
        if (_file.Position > _trailerStart)
        {
            throw new FileFormatException(name, "truncated gzip stream: no room for the deflate data and the 8-byte trailer");
        }

        _view = new DeflateView(file, _trailerStart);
        _inflater = new DeflateStream(_view, CompressionMode.Decompress, leaveOpen: true);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_finished || buffer.IsEmpty)
        {
            return 0;
        }

        int n;
        try
        {
            n = _inflater.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new FileFormatException(_name, $"corrupt gzip stream ({e.Message.TrimEnd('.')})", e);
        }

        if (n > 0)
        {
            _crc = Crc32.Append(_crc, buffer[..n]);
            _length += n;
            return n;
        }

        if (_view.WantedMore && !_truncationSeen)
        {
            // The data stops short: end it here once, so the reader can say how much it lacked;
            // a caller that reads on (to check for trailing data) gets the error below.
            _truncationSeen = true;
            return 0;
        }

        CheckEnd();
        _finished = true;
        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The inflater stopped: it must have ended on the last byte before the trailer (the view hands
    /// that byte alone, so the inflater cannot have taken it without needing it), and the trailer
    /// must hold this data's CRC-32 and length.
    /// </summary>
    private void CheckEnd()
    {
        if (_view.WantedMore)
        {
            throw new FileFormatException(_name, "truncated gzip stream: the deflate data ends before its last block");
        }

        if (_view.Position != _trailerStart)
        {
            throw new FileFormatException(_name, $"trailing data after the gzip member: its deflate data ends before byte {_view.Position} of the {_trailerStart + TrailerLength}");
        }

        Span<byte> trailer = stackalloc byte[TrailerLength];
        _file.Position = _trailerStart;
        _file.ReadExactly(trailer);
        var crc = Crc32.Finish(_crc);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc)
        {
            throw new FileFormatException(_name, $"corrupt gzip stream: CRC-32 of the data is {crc:x8}, the trailer says {BinaryPrimitives.ReadUInt32LittleEndian(trailer):x8}");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)_length)
        {
            throw new FileFormatException(_name, $"corrupt gzip stream: {_length} bytes decompressed, the trailer says {BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..])} (mod 2^32)");
        }
    }

    /// <summary>Parses the member header up to the deflate data, checking its CRC-16 when present.</summary>
    private void ReadHeader()
    {
        var crc = Crc32.Start;
        Span<byte> fixedPart = stackalloc byte[10];
        Take(fixedPart, ref crc);
        if (fixedPart[0] != 0x1F || fixedPart[1] != 0x8B)
        {
            throw new FileFormatException(_name, "not a gzip stream");
        }

        if (fixedPart[2] != 8)
        {
            throw new FileFormatException(_name, $"corrupt gzip stream (compression method {fixedPart[2]}, gzip defines only 8, deflate)");
        }

        var flags = fixedPart[3];
        if ((flags & ReservedFlags) != 0)
        {
            throw new FileFormatException(_name, $"corrupt gzip stream (reserved header flags set: 0x{flags:X2})");
        }

        Span<byte> two = stackalloc byte[2];
        if ((flags & FlagExtra) != 0)
        {
            Take(two, ref crc);
            Span<byte> one = stackalloc byte[1];
            for (var i = BinaryPrimitives.ReadUInt16LittleEndian(two); i > 0; i--)
            {
                Take(one, ref crc);
            }
        }

        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated(ref crc);
        }

        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated(ref crc);
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            var expected = (ushort)Crc32.Finish(crc);
            Take(two, ref crc);
            if (BinaryPrimitives.ReadUInt16LittleEndian(two) != expected)
            {
                throw new FileFormatException(_name, "corrupt gzip stream (header CRC-16 does not match)");
            }
        }
    }

    private void SkipZeroTerminated(ref uint crc)
    {
        Span<byte> one = stackalloc byte[1];
        do
        {
            Take(one, ref crc);
        }
        while (one[0] != 0);
    }

    private void Take(Span<byte> bytes, ref uint crc)
    {
        if (_file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
        {
            throw new FileFormatException(_name, "truncated gzip header");
        }

        crc = Crc32.Append(crc, bytes);
    }

    /// <summary>
    /// The file up to <c>end</c> (the trailer's first byte), read for the inflater. The last byte is
    /// handed over on its own, so once the inflater stops, <see cref="Position"/> is <c>end</c> only if
    /// it needed that byte: the deflate data then ends exactly at the trailer.
    /// </summary>
    private sealed class DeflateView(Stream file, long end) : Stream
    {
        public bool WantedMore { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => file.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var left = end - file.Position;
            if (left <= 0)
            {
                WantedMore = true;
                return 0;
            }

            var take = left == 1 ? 1 : (int)Math.Min(buffer.Length, left - 1);
            return file.Read(buffer[..take]);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
