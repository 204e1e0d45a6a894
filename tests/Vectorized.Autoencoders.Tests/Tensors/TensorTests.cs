using Vectorized.Autoencoders.Tensors;

namespace Vectorized.Autoencoders.Tests.Tensors;

public class TensorTests
{
    private static Tensor Counting(params int[] shape)
    {
        var t = new Tensor(shape);
        for (var i = 0; i < t.Length; i++)
        {
            t.Span[i] = i;
        }

        return t;
    }

    [Fact]
    public void NewTensorIsZeroedRowMajor()
    {
        var t = new Tensor(3, 4);
        Assert.Equal(12, t.Length);
        Assert.Equal(3, t.Rows);
        Assert.Equal(4, t.RowLength);
        Assert.All(t.Span.ToArray(), v => Assert.Equal(0f, v));
        t[1, 2] = 5f;
        Assert.Equal(5f, t.Span[(1 * 4) + 2]);
        Assert.Equal(5f, t.At(1, 2));
    }

    [Fact]
    public void WrapSharesTheArrayAndChecksTheShape()
    {
        var data = new float[6];
        var t = Tensor.Wrap(data, 2, 3);
        t[1, 0] = 7f;
        Assert.Equal(7f, data[3]);
        Assert.Throws<ArgumentException>(() => Tensor.Wrap(data, 4, 2));
        Assert.Throws<ArgumentException>(() => new Tensor(2, -1));
    }

    [Fact]
    public void SliceIsAViewOfConsecutiveRows()
    {
        var t = Counting(5, 2, 3);
        var batch = t.Slice(1, 3);
        Assert.True(batch.HasShape(3, 2, 3));
        Assert.Equal(6f, batch.Span[0]);
        Assert.Equal(23f, batch.Span[^1]);
        batch.At(0, 0, 0) = -1f;
        Assert.Equal(-1f, t.At(1, 0, 0));

        var inner = batch.Slice(2, 1);
        Assert.Equal(18f, inner.Span[0]);
        Assert.Equal(0, t.Slice(5, 0).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Slice(4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Slice(-1, 1));
    }

    [Fact]
    public void RowsAreViewsToo()
    {
        var t = Counting(4, 3);
        Assert.Equal(new float[] { 6, 7, 8 }, t.Row(2).ToArray());
        t.Row(3)[0] = 100f;
        Assert.Equal(100f, t[3, 0]);
        var row = t.RowTensor(1);
        Assert.True(row.HasShape(3));
        row.At(2) = -5f;
        Assert.Equal(-5f, t[1, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Row(4));
    }

    [Fact]
    public void ReshapeKeepsTheElementsAndInfersOneDimension()
    {
        var t = Counting(2, 6);
        var r = t.Reshape(3, -1);
        Assert.True(r.HasShape(3, 4));
        Assert.Equal(t[1, 1], r[1, 3]);
        r[0, 0] = 42f;
        Assert.Equal(42f, t[0, 0]);
        var images = Counting(10, 784).Slice(2, 4).Reshape(4, 28, 28);
        Assert.Equal((2 * 784) + (27 * 28) + 5, images.At(0, 27, 5));
        Assert.Throws<ArgumentException>(() => t.Reshape(5, 3));
        Assert.Throws<ArgumentException>(() => t.Reshape(-1, -1));
    }

    [Fact]
    public void CloneCopies()
    {
        var t = Counting(2, 2);
        var c = t.Clone();
        c[0, 0] = 9f;
        Assert.Equal(0f, t[0, 0]);
        Assert.True(c.HasShape(2, 2));
    }

    [Fact]
    public void BadIndicesThrow()
    {
        var t = new Tensor(2, 3);
        Assert.Throws<IndexOutOfRangeException>(() => t[2, 0]);
        Assert.Throws<IndexOutOfRangeException>(() => t[0, 3]);
        Assert.Throws<ArgumentException>(() => t.At(1));
        Assert.Throws<InvalidOperationException>(() => new Tensor(2, 3, 4)[0, 0]);
        Assert.Equal("Tensor[2, 3]", t.ToString());
    }
}
