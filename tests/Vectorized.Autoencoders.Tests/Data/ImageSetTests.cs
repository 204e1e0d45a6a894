using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>ImageSet on small synthetic data: scaling, batch gathering, views, and the loader's checks.</summary>
public class ImageSetTests
{
    private static ImageSet Make(int count, int height, int width)
    {
        var pixels = new byte[count * height * width];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37) + 11);
        }

        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        return new ImageSet(pixels, labels, height, width);
    }

    [Fact]
    public void CopyBatchGathersRowsAsPixelOver255()
    {
        var set = Make(5, 2, 3);
        int[] indices = [4, 0, 4];
        var batch = new float[indices.Length * set.Features];
        set.CopyBatch(indices, batch);
        for (var i = 0; i < indices.Length; i++)
        {
            for (var j = 0; j < set.Features; j++)
            {
                Assert.Equal(set.Pixels.Span[(indices[i] * set.Features) + j] / 255f, batch[(i * set.Features) + j]);
            }
        }
    }

    [Fact]
    public void EveryByteScalesToItsExactQuotient()
    {
        var pixels = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var set = new ImageSet(pixels, new byte[1], 16, 16);
        var row = new float[256];
        set.CopyRange(0, 1, row);
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal((float)b / 255f, row[b]);
        }

        Assert.Equal(0f, row[0]);
        Assert.Equal(1f, row[255]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 5)]
    [InlineData(9, 9)]
    [InlineData(28, 28)]
    public void ImagesWhoseSizeIsNoMultipleOfTheVectorScaleEveryPixelExactly(int height, int width)
    {
        // 64 pixels a step on AVX-512, then 16 a vector, then a scalar tail: an 81-pixel image takes all three.
        var features = height * width;
        var pixels = Enumerable.Range(0, 3 * features).Select(i => (byte)((i * 37) + 11)).ToArray();
        var set = new ImageSet(pixels, new byte[3], height, width);
        var batch = new float[2 * features];
        set.CopyBatch([2, 0], batch);
        for (var i = 0; i < features; i++)
        {
            Assert.Equal(pixels[(2 * features) + i] / 255f, batch[i]);
            Assert.Equal(pixels[i] / 255f, batch[features + i]);
        }
    }

    [Fact]
    public void CopyRangeAndTakeAreViewsOfTheSameRows()
    {
        var set = Make(6, 2, 2);
        var head = set.Take(3);
        Assert.Equal(3, head.Count);
        Assert.Equal(set.Labels.Span[..3].ToArray(), head.Labels.ToArray());

        var fromRange = new float[2 * 4];
        set.CopyRange(1, 2, fromRange);
        var fromBatch = new float[2 * 4];
        head.CopyBatch([1, 2], fromBatch);
        Assert.Equal(fromRange, fromBatch);
    }

    [Fact]
    public void BadIndicesAndSizesAreRejected()
    {
        var set = Make(3, 2, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.CopyBatch([3], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.CopyBatch([-1], new float[4]));
        Assert.Throws<ArgumentException>(() => set.CopyBatch([0], new float[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.CopyRange(2, 2, new float[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Take(4));
        Assert.Throws<ArgumentException>(() => new ImageSet(new byte[7], new byte[2], 2, 2));
    }

    [Fact]
    public void LoaderAcceptsAnyImageSizeAndGzipAndChecksCounts()
    {
        var dir = Directory.CreateTempSubdirectory("vecae-mnist-");
        try
        {
            var trainPixels = Enumerable.Range(0, 4 * 5 * 3).Select(i => (byte)i).ToArray();
            IdxWriter.Write(Path.Combine(dir.FullName, MnistDataset.TrainImagesFile + ".gz"), IdxArray.Create<byte>(trainPixels, 4, 5, 3), gzip: true);
            IdxWriter.Write(Path.Combine(dir.FullName, MnistDataset.TrainLabelsFile), IdxArray.Create<byte>([1, 2, 3, 4], 4));
            IdxWriter.Write(Path.Combine(dir.FullName, MnistDataset.TestImagesFile), IdxArray.Create<byte>(new byte[2 * 15], 2, 5, 3));
            var testLabels = Path.Combine(dir.FullName, MnistDataset.TestLabelsFile);
            IdxWriter.Write(testLabels, IdxArray.Create<byte>([9, 8], 2));

            var data = MnistDataset.Load(dir.FullName);
            Assert.Equal(4, data.Train.Count);
            Assert.Equal(5, data.Train.Height);
            Assert.Equal(3, data.Train.Width);
            Assert.Equal(trainPixels, data.Train.Pixels.ToArray());
            Assert.Equal(2, data.Test.Count);

            IdxWriter.Write(testLabels, IdxArray.Create<byte>([9, 8, 7], 3));
            var e = Assert.Throws<FileFormatException>(() => MnistDataset.Load(dir.FullName));
            Assert.Equal(testLabels, e.FilePath);
            Assert.Contains("3 labels but t10k-images-idx3-ubyte holds 2 images", e.Reason);

            File.Delete(testLabels);
            e = Assert.Throws<FileFormatException>(() => MnistDataset.Load(dir.FullName));
            Assert.Equal(testLabels, e.FilePath);
            Assert.Contains("missing", e.Reason);

            IdxWriter.Write(testLabels, IdxArray.Create<float>([9, 8], 2));
            e = Assert.Throws<FileFormatException>(() => MnistDataset.Load(dir.FullName));
            Assert.Contains("expected labels as u8 [count], found f32 [2]", e.Reason);

            // Zero images of 65536x65536: a legal IDX file, but not an image set this engine can hold.
            IdxWriter.Write(testLabels, IdxArray.Create<byte>([], 0));
            IdxWriter.Write(Path.Combine(dir.FullName, MnistDataset.TestImagesFile), IdxArray.Create<byte>([], 0, 65536, 65536));
            e = Assert.Throws<FileFormatException>(() => MnistDataset.Load(dir.FullName));
            Assert.Contains("have more than 2147483647 pixels", e.Reason);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
