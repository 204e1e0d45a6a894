using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

public class QuadTreeTests
{
    /// <summary>Random maps, some with many duplicate points (which no split can separate).</summary>
    private static float[] Map(int seed, int n, bool duplicates)
    {
        var random = new Random(seed);
        var y = new float[2 * n];
        for (var i = 0; i < n; i++)
        {
            var source = duplicates && i > 0 && random.Next(3) == 0 ? random.Next(i) : i;
            if (source != i)
            {
                y[2 * i] = y[2 * source];
                y[2 * i + 1] = y[2 * source + 1];
            }
            else
            {
                y[2 * i] = (float)(TsneTestData.Normal(random) * Math.Pow(10, random.Next(-3, 3)));
                y[2 * i + 1] = (float)TsneTestData.Normal(random);
            }
        }

        return y;
    }

    [Property(MaxTest = 60)]
    public Property EveryPointIsCountedOnce(PositiveInt seed, PositiveInt size, bool duplicates, PositiveInt capacity)
    {
        var n = 1 + size.Get % 400;
        var y = Map(seed.Get, n, duplicates);
        var tree = new QuadTree(1 + capacity.Get % 6);
        tree.Build(y, n);

        var seen = new int[n];
        var leafPoints = 0;
        for (var node = 0; node < tree.NodeCount; node++)
        {
            if (tree.FirstChild[node] < 0)
            {
                leafPoints += tree.Count[node];
                for (var s = tree.Start[node]; s < tree.Start[node] + tree.Count[node]; s++)
                {
                    seen[tree.Order[s]]++;
                }
            }
            else
            {
                var childSum = 0;
                var expectedStart = tree.Start[node];
                for (var c = 0; c < tree.ChildCount[node]; c++)
                {
                    var child = tree.FirstChild[node] + c;
                    if (tree.Start[child] != expectedStart || tree.Count[child] == 0)
                    {
                        return false.Label($"child {child} of {node} does not tile its parent's range");
                    }

                    expectedStart += tree.Count[child];
                    childSum += tree.Count[child];
                }

                if (childSum != tree.Count[node])
                {
                    return false.Label($"node {node}: children hold {childSum} points, node {tree.Count[node]}");
                }
            }
        }

        for (var s = 0; s < n; s++)
        {
            if (tree.SortedX[s] != y[2 * tree.Order[s]] || tree.SortedY[s] != y[2 * tree.Order[s] + 1])
            {
                return false.Label($"tree position {s} holds the wrong coordinates");
            }
        }

        return (tree.Count[0] == n && leafPoints == n && seen.All(c => c == 1)).Label("each point in exactly one leaf");
    }

    [Property(MaxTest = 60)]
    public Property CentresOfMassAreExact(PositiveInt seed, PositiveInt size, bool duplicates)
    {
        var n = 1 + size.Get % 400;
        var y = Map(seed.Get, n, duplicates);
        var tree = new QuadTree();
        tree.Build(y, n);
        for (var node = 0; node < tree.NodeCount; node++)
        {
            double sx = 0, sy = 0, largest = 0;
            var start = tree.Start[node];
            var count = tree.Count[node];
            for (var s = start; s < start + count; s++)
            {
                sx += y[2 * tree.Order[s]];
                sy += y[2 * tree.Order[s] + 1];
                largest = Math.Max(largest, Math.Max(Math.Abs(y[2 * tree.Order[s]]), Math.Abs(y[2 * tree.Order[s] + 1])));
            }

            // The double mean rounded once to float: within one float rounding of the largest coordinate.
            var tolerance = 1e-7 * largest + 1e-30;
            if (Math.Abs(tree.CenterX[node] - sx / count) > tolerance || Math.Abs(tree.CenterY[node] - sy / count) > tolerance)
            {
                return false.Label($"node {node}: centre ({tree.CenterX[node]}, {tree.CenterY[node]}) vs ({sx / count}, {sy / count})");
            }
        }

        return true.ToProperty();
    }

    [Fact]
    public void CellsContainTheirPoints()
    {
        const int n = 500;
        var y = Map(3, n, false);
        var tree = new QuadTree(1);
        tree.Build(y, n);
        // Every point of a node lies within the node's width of its centre of mass (both are inside the cell).
        for (var node = 0; node < tree.NodeCount; node++)
        {
            var width = Math.Sqrt(tree.Width2[node]);
            for (var s = tree.Start[node]; s < tree.Start[node] + tree.Count[node]; s++)
            {
                var dx = tree.SortedX[s] - tree.CenterX[node];
                var dy = tree.SortedY[s] - tree.CenterY[node];
                Assert.True(Math.Sqrt(dx * dx + dy * dy) <= width * Math.Sqrt(2) * 1.0001, $"node {node} point {s}");
            }
        }
    }
}
