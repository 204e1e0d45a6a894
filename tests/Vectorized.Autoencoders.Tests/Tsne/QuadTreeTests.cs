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
            if (tree.Nodes[node].FirstChild < 0)
            {
                leafPoints += tree.Nodes[node].Count;
                for (var s = tree.Nodes[node].Start; s < tree.Nodes[node].Start + tree.Nodes[node].Count; s++)
                {
                    seen[tree.Order[s]]++;
                }
            }
            else
            {
                var childSum = 0;
                var expectedStart = tree.Nodes[node].Start;
                for (var c = 0; c < tree.Nodes[node].ChildCount; c++)
                {
                    var child = tree.Nodes[node].FirstChild + c;
                    if (tree.Nodes[child].Start != expectedStart || tree.Nodes[child].Count == 0)
                    {
                        return false.Label($"child {child} of {node} does not tile its parent's range");
                    }

                    expectedStart += tree.Nodes[child].Count;
                    childSum += tree.Nodes[child].Count;
                }

                if (childSum != tree.Nodes[node].Count)
                {
                    return false.Label($"node {node}: children hold {childSum} points, node {tree.Nodes[node].Count}");
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

        return (tree.Nodes[0].Count == n && leafPoints == n && seen.All(c => c == 1)).Label("each point in exactly one leaf");
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
            var start = tree.Nodes[node].Start;
            var count = tree.Nodes[node].Count;
            for (var s = start; s < start + count; s++)
            {
                sx += y[2 * tree.Order[s]];
                sy += y[2 * tree.Order[s] + 1];
                largest = Math.Max(largest, Math.Max(Math.Abs(y[2 * tree.Order[s]]), Math.Abs(y[2 * tree.Order[s] + 1])));
            }

            // The double mean rounded once to float: within one float rounding of the largest coordinate.
            var tolerance = 1e-7 * largest + 1e-30;
            if (Math.Abs(tree.Nodes[node].CenterX - sx / count) > tolerance || Math.Abs(tree.Nodes[node].CenterY - sy / count) > tolerance)
            {
                return false.Label($"node {node}: centre ({tree.Nodes[node].CenterX}, {tree.Nodes[node].CenterY}) vs ({sx / count}, {sy / count})");
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
            var width = Math.Sqrt(tree.Nodes[node].Width2);
            for (var s = tree.Nodes[node].Start; s < tree.Nodes[node].Start + tree.Nodes[node].Count; s++)
            {
                var dx = tree.SortedX[s] - tree.Nodes[node].CenterX;
                var dy = tree.SortedY[s] - tree.Nodes[node].CenterY;
                Assert.True(Math.Sqrt(dx * dx + dy * dy) <= width * Math.Sqrt(2) * 1.0001, $"node {node} point {s}");
            }
        }
    }
}
