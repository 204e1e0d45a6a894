using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Serialization.Npy;

/// <summary>
/// Parses the Python dict literal of a .npy header, e.g.
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>, without evaluating
/// anything: exactly the three keys, each once; a string, a bool, and a tuple of non-negative
/// integers; only spaces and a newline after the closing brace. Anything else is malformed.
/// </summary>
internal ref struct NpyHeaderParser
{
    private readonly ReadOnlySpan<char> _text;
    private readonly string _file;
    private int _at;

    private NpyHeaderParser(ReadOnlySpan<char> text, string file)
    {
        _text = text;
        _file = file;
        _at = 0;
    }

    /// <summary>The header's three values; throws <see cref="FileFormatException"/> naming <paramref name="file"/>.</summary>
    public static (string Descriptor, bool FortranOrder, long[] Shape) Parse(ReadOnlySpan<char> text, string file)
    {
        var parser = new NpyHeaderParser(text, file);
        return parser.Dict();
    }

    private (string, bool, long[]) Dict()
    {
        SkipSpaces();
        Expect('{', "the header is not a Python dict literal");
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        while (true)
        {
            SkipSpaces();
            if (Peek() == '}')
            {
                _at++;
                break;
            }

            var key = String("a dict key");
            SkipSpaces();
            Expect(':', $"no ':' after the key '{key}'");
            SkipSpaces();
            switch (key)
            {
                case "descr":
                    Once(descr is null, key);
                    descr = String("the value of 'descr'");
                    break;
                case "fortran_order":
                    Once(fortran is null, key);
                    fortran = Bool();
                    break;
                case "shape":
                    Once(shape is null, key);
                    shape = Tuple();
                    break;
                default:
                    throw Fail($"unexpected key '{Printable(key)}' in the header (expected descr, fortran_order and shape)");
            }

            SkipSpaces();
            if (Peek() == ',')
            {
                _at++;
            }
            else if (Peek() != '}')
            {
                throw Fail("the header is not a Python dict literal: expected ',' or '}'");
            }
        }

        while (_at < _text.Length && _text[_at] is ' ' or '\n' or '\t' or '\r')
        {
            _at++;
        }

        if (_at != _text.Length)
        {
            throw Fail("the header has text after its closing '}'");
        }

        return (descr ?? throw Fail("the header has no 'descr'"), fortran ?? throw Fail("the header has no 'fortran_order'"), shape ?? throw Fail("the header has no 'shape'"));
    }

    private string String(string what)
    {
        var quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw Fail($"{what} is not a quoted string");
        }

        var start = ++_at;
        while (_at < _text.Length && _text[_at] != quote)
        {
            if (_text[_at] is '\\' or '\n')
            {
                throw Fail($"{what} holds an escape or a line break");
            }

            _at++;
        }

        if (_at == _text.Length)
        {
            throw Fail($"{what} is an unterminated string");
        }

        return new string(_text[start.._at++]);
    }

    private bool Bool()
    {
        if (_text[_at..].StartsWith("True"))
        {
            _at += 4;
            return true;
        }

        if (_text[_at..].StartsWith("False"))
        {
            _at += 5;
            return false;
        }

        throw Fail("fortran_order is not True or False");
    }

    private long[] Tuple()
    {
        Expect('(', "shape is not a tuple");
        var dims = new List<long>();
        while (true)
        {
            SkipSpaces();
            if (Peek() == ')')
            {
                _at++;
                return dims.ToArray();
            }

            if (dims.Count >= 32)
            {
                throw Fail("shape has more than 32 dimensions");
            }

            var start = _at;
            long value = 0;
            while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
            {
                var digit = _text[_at++] - '0';
                if (value > (long.MaxValue - digit) / 10)
                {
                    throw Fail("shape holds a dimension that overflows 64 bits");
                }

                value = value * 10 + digit;
            }

            if (_at == start)
            {
                throw Fail("shape holds something other than a non-negative integer");
            }

            dims.Add(value);
            SkipSpaces();
            if (Peek() == ',')
            {
                _at++;
            }
            else if (Peek() != ')')
            {
                throw Fail("shape is not a tuple: expected ',' or ')'");
            }
        }
    }

    private void Once(bool first, string key)
    {
        if (!first)
        {
            throw Fail($"the header has the key '{key}' twice");
        }
    }

    private void Expect(char c, string reason)
    {
        if (Peek() != c)
        {
            throw Fail(reason);
        }

        _at++;
    }

    private readonly char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private void SkipSpaces()
    {
        while (_at < _text.Length && _text[_at] == ' ')
        {
            _at++;
        }
    }

    private readonly FileFormatException Fail(string reason) => new(_file, reason);

    private static string Printable(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
