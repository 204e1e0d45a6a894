using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Tests.Imaging;

public class FilterImagesTests
{
    [Property(MaxTest = 100)]
    public Property EachFilterSpansZeroToOne()
    {
        var weights = Gen.Choose(-1000, 1000).Select(v => v / 100f).ArrayOf(4 * 6);
        return Prop.ForAll(weights.ToArbitrary(), w =>
        {
            var result = FilterImages.Normalize(w, outputs: 4, inputs: 6, first: 1, count: 3);
            for (var f = 0; f < 3; f++)
            {
                var source = w.AsSpan((1 + f) * 6, 6);
                var image = result.AsSpan(f * 6, 6);
                var constant = source.IndexOfAnyExcept(source[0]) < 0;
                if (constant)
                {
                    if (image.IndexOfAnyExcept(0.5f) >= 0)
                    {
                        return false;
                    }

                    continue;
                }

                // The smallest weight maps to 0, the largest to 1, and order is kept.
                for (var i = 0; i < 6; i++)
                {
                    if (image[i] < 0f || image[i] > 1f)
                    {
                        return false;
                    }

                    for (var j = 0; j < 6; j++)
                    {
                        if (source[i] < source[j] && !(image[i] <= image[j]))
                        {
                            return false;
                        }
                    }
                }

                if (MathF.Abs(image[source.IndexOf(MinOf(source))]) > 1e-6f || MathF.Abs(image[source.IndexOf(MaxOf(source))] - 1f) > 1e-6f)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void RangeBeyondTheLayerIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterImages.Normalize(new float[32 * 784], 32, 784, first: 25, count: 10));
    }

    private static float MinOf(ReadOnlySpan<float> s)
    {
        var m = s[0];
        foreach (var v in s)
        {
            m = MathF.Min(m, v);
        }

        return m;
    }

    private static float MaxOf(ReadOnlySpan<float> s)
    {
        var m = s[0];
        foreach (var v in s)
        {
            m = MathF.Max(m, v);
        }

        return m;
    }
}
