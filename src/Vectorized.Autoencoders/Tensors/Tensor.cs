namespace Vectorized.Autoencoders.Tensors;

/// <summary>
/// A row-major float32 tensor: a shape laid over a contiguous window of a <c>float[]</c>. Views
/// (<see cref="Slice"/>, <see cref="RowTensor"/>, <see cref="Reshape"/>) share that array, so
/// they cost one small object and never copy elements; only <see cref="Clone"/> copies. The first
/// dimension is the "row" (a batch's sample, a weight matrix's output unit), and a row is the
/// contiguous block of all the remaining dimensions.
/// </summary>
internal sealed class Tensor
{
    private readonly float[] _data;
    private readonly int _offset;
    private readonly int[] _shape;

    /// <summary>A new tensor of zeros.</summary>
    public Tensor(params ReadOnlySpan<int> shape)
    {
        _shape = shape.ToArray();
        _data = new float[ElementCount(_shape)];
    }

    private Tensor(float[] data, int offset, int[] shape)
    {
        _data = data;
        _offset = offset;
        _shape = shape;
    }

    /// <summary>Wraps <paramref name="data"/> without copying; its length must be the shape's element count.</summary>
    public static Tensor Wrap(float[] data, params ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var dims = shape.ToArray();
        var count = ElementCount(dims);
        if (count != data.Length)
        {
            throw new ArgumentException($"Shape {Format(dims)} holds {count} elements but the array has {data.Length}.", nameof(shape));
        }

        return new Tensor(data, 0, dims);
    }

    /// <summary>The dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    public int Rank => _shape.Length;

    /// <summary>The number of elements (1 for a rank-0 scalar).</summary>
    public int Length => ElementCount(_shape);

    /// <summary>The first dimension.</summary>
    public int Rows => Rank > 0 ? _shape[0] : throw new InvalidOperationException("A rank-0 tensor has no rows.");

    /// <summary>The elements per row: the product of all dimensions after the first.</summary>
    public int RowLength => ElementCount(_shape.AsSpan(1));

    /// <summary>All elements, row-major.</summary>
    public Span<float> Span => new(_data, _offset, Length);

    /// <summary>All elements, row-major, for code that must hold them across an await or in a field.</summary>
    public Memory<float> Memory => new(_data, _offset, Length);

    /// <summary>The elements of row <paramref name="row"/>: [RowLength].</summary>
    public Span<float> Row(int row)
    {
        CheckRows(row, 1);
        return new Span<float>(_data, _offset + (row * RowLength), RowLength);
    }

    /// <summary>Row <paramref name="row"/> as a tensor of the remaining dimensions (a view).</summary>
    public Tensor RowTensor(int row)
    {
        CheckRows(row, 1);
        return new Tensor(_data, _offset + (row * RowLength), _shape[1..]);
    }

    /// <summary>Rows [rowStart, rowStart + rowCount) as a tensor (a view): a mini-batch of a data set.</summary>
    public Tensor Slice(int rowStart, int rowCount)
    {
        CheckRows(rowStart, rowCount);
        var shape = (int[])_shape.Clone();
        shape[0] = rowCount;
        return new Tensor(_data, _offset + (rowStart * RowLength), shape);
    }

    /// <summary>The same elements under another shape (a view); one dimension may be -1 (inferred).</summary>
    public Tensor Reshape(params ReadOnlySpan<int> shape)
    {
        var dims = shape.ToArray();
        var inferred = Array.IndexOf(dims, -1);
        if (inferred >= 0 && Array.IndexOf(dims, -1, inferred + 1) < 0)
        {
            dims[inferred] = 1;
            var known = ElementCount(dims);
            dims[inferred] = known == 0 ? 0 : Length / known;
        }

        if (ElementCount(dims) != Length)
        {
            throw new ArgumentException($"Cannot reshape {Format(_shape)} ({Length} elements) to {Format(shape.ToArray())}.", nameof(shape));
        }

        return new Tensor(_data, _offset, dims);
    }

    /// <summary>Element [row, column] of a rank-2 tensor.</summary>
    public ref float this[int row, int column]
    {
        get
        {
            if (Rank != 2)
            {
                throw new InvalidOperationException($"A [row, column] index needs a rank-2 tensor; this one is {Format(_shape)}.");
            }

            if ((uint)row >= (uint)_shape[0] || (uint)column >= (uint)_shape[1])
            {
                throw new IndexOutOfRangeException($"Index [{row}, {column}] is outside {Format(_shape)}.");
            }

            return ref _data[_offset + (row * _shape[1]) + column];
        }
    }

    /// <summary>The element at a full index, one coordinate per dimension.</summary>
    public ref float At(params ReadOnlySpan<int> index)
    {
        if (index.Length != Rank)
        {
            throw new ArgumentException($"Index has {index.Length} coordinates; the tensor has rank {Rank}.", nameof(index));
        }

        var flat = 0;
        for (var d = 0; d < Rank; d++)
        {
            if ((uint)index[d] >= (uint)_shape[d])
            {
                throw new IndexOutOfRangeException($"Coordinate {index[d]} of dimension {d} is outside {Format(_shape)}.");
            }

            flat = (flat * _shape[d]) + index[d];
        }

        return ref _data[_offset + flat];
    }

    /// <summary>A new tensor with its own copy of the elements.</summary>
    public Tensor Clone()
    {
        var copy = new Tensor(_shape);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>True when both tensors have the same dimensions.</summary>
    public bool HasShape(params ReadOnlySpan<int> shape) => shape.SequenceEqual(_shape);

    public override string ToString() => $"Tensor{Format(_shape)}";

    private void CheckRows(int rowStart, int rowCount)
    {
        if (rowStart < 0 || rowCount < 0 || (long)rowStart + rowCount > Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(rowStart), $"Rows [{rowStart}, {(long)rowStart + rowCount}) are outside the {Rows} rows of {Format(_shape)}.");
        }
    }

    private static int ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Dimension {d} is negative.", nameof(shape));
            }

            count *= d;
            if (count > Array.MaxLength)
            {
                throw new ArgumentException("The shape holds more elements than an array can.", nameof(shape));
            }
        }

        return (int)count;
    }

    private static string Format(int[] shape) => $"[{string.Join(", ", shape)}]";
}
