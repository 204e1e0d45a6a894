namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// The t-SNE gradient without its constant factor 4 (bhtsne/openTSNE convention):
/// dC/dy_i / 4 = sum_j p_ij w_ij (y_i - y_j) - (1 / Z) sum_j w_ij^2 (y_i - y_j), w_ij = 1 / (1 + |y_i - y_j|^2),
/// Z = sum_{k != l} w_kl. The attractive sum runs over the sparse P; the repulsive sums over a
/// quadtree, summarising a cell by its centre of mass when it is small and far (width / distance &lt; theta).
/// Work is split into fixed blocks of points (independent of the thread count), each block owns
/// its output rows and its partial Z, and the partial Zs are added in block order: the result is
/// bitwise identical for any number of threads.
/// </summary>
internal sealed class BarnesHutGradient
{
    /// <summary>Points per work item; fixed so the partition does not depend on the thread count.</summary>
    public const int BlockSize = 256;

    private readonly QuadTree _tree;
    private readonly ParallelOptions _parallel;
    private float[] _repulsion = [];
    private double[] _blockZ = [];

    public BarnesHutGradient(int threads, int leafCapacity = QuadTree.DefaultLeafCapacity)
    {
        _tree = new QuadTree(leafCapacity);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    internal QuadTree Tree => _tree;

    /// <summary>Computes the gradient (P scaled by <paramref name="exaggeration"/>) and returns Z.</summary>
    // y: [n, 2]; gradient: [n, 2]
    public double Compute(float[] y, SparseAffinities p, float exaggeration, float theta, float[] gradient)
    {
        var n = p.Points;
        var z = Repulsion(y, n, theta);
        var scale = (float)(1.0 / z);
        var blocks = BlockCount(n);
        Parallel.For(0, blocks, _parallel, b =>
        {
            var end = Math.Min(n, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++)
            {
                Attraction(y, p, i, out var ax, out var ay);
                gradient[2 * i] = exaggeration * ax - scale * _repulsion[2 * i];
                gradient[2 * i + 1] = exaggeration * ay - scale * _repulsion[2 * i + 1];
            }
        });
        return z;
    }

    /// <summary>
    /// KL(P || Q) = sum p_ij log(p_ij / q_ij), q_ij = w_ij / Z, with Z from the same tree
    /// approximation as the gradient.
    /// </summary>
    // y: [n, 2]
    public double KlDivergence(float[] y, SparseAffinities p, float theta)
    {
        var n = p.Points;
        var logZ = Math.Log(Repulsion(y, n, theta));
        var blocks = BlockCount(n);
        var partial = new double[blocks];
        Parallel.For(0, blocks, _parallel, b =>
        {
            var sum = 0.0;
            var end = Math.Min(n, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++)
            {
                for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
                {
                    var j = p.Columns[e];
                    double pij = p.Values[e];
                    if (pij <= 0)
                    {
                        continue;
                    }

                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    // log(p / q) = log p + log(1 + d^2) + log Z
                    sum += pij * (Math.Log(pij) + Math.Log(1 + dx * dx + dy * dy) + logZ);
                }
            }

            partial[b] = sum;
        });
        var kl = 0.0;
        foreach (var v in partial)
        {
            kl += v;
        }

        return kl;
    }

    private static int BlockCount(int n) => (n + BlockSize - 1) / BlockSize;

    /// <summary>Fills the unnormalised repulsion sum_j w_ij^2 (y_i - y_j) per point and returns Z.</summary>
    private double Repulsion(float[] y, int n, float theta)
    {
        if (_repulsion.Length < 2 * n)
        {
            _repulsion = new float[2 * n];
        }

        _tree.Build(y, n);
        var blocks = BlockCount(n);
        if (_blockZ.Length < blocks)
        {
            _blockZ = new double[blocks];
        }

        var theta2 = theta * theta;
        // Blocks run over tree order, so neighbouring work items walk the same parts of the tree.
        Parallel.For(0, blocks, _parallel, () => new int[4 * (QuadTree.MaxDepth + 2)], (b, _, stack) =>
        {
            var sum = 0.0;
            var end = Math.Min(n, (b + 1) * BlockSize);
            for (var s = b * BlockSize; s < end; s++)
            {
                sum += PointRepulsion(_tree, s, theta2, stack, out var fx, out var fy);
                var i = _tree.Order[s];
                _repulsion[2 * i] = fx;
                _repulsion[2 * i + 1] = fy;
            }

            _blockZ[b] = sum;
            return stack;
        }, _ => { });
        var z = 0.0;
        for (var b = 0; b < blocks; b++)
        {
            z += _blockZ[b];
        }

        return z;
    }

    /// <summary>Walks the tree for the point at tree position <paramref name="self"/>; returns its share of Z.</summary>
    private static double PointRepulsion(QuadTree tree, int self, float theta2, int[] stack, out float fx, out float fy)
    {
        var px = tree.SortedX[self];
        var py = tree.SortedY[self];
        var nodes = tree.Nodes;
        var sortedX = tree.SortedX;
        var sortedY = tree.SortedY;
        var z = 0.0;
        float sumX = 0, sumY = 0;
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly var node = ref nodes[stack[--top]];
            var dx = px - node.CenterX;
            var dy = py - node.CenterY;
            var d2 = dx * dx + dy * dy;
            if (node.Width2 < theta2 * d2)
            {
                // Far enough: the whole cell acts as its count of points at its centre of mass.
                var w = 1f / (1f + d2);
                var cw = node.Count * w;
                z += cw;
                var f = cw * w;
                sumX += f * dx;
                sumY += f * dy;
            }
            else if (node.FirstChild < 0)
            {
                var end = node.Start + node.Count;
                for (var s = node.Start; s < end; s++)
                {
                    if (s == self)
                    {
                        continue;
                    }

                    var ex = px - sortedX[s];
                    var ey = py - sortedY[s];
                    var w = 1f / (1f + ex * ex + ey * ey);
                    z += w;
                    var f = w * w;
                    sumX += f * ex;
                    sumY += f * ey;
                }
            }
            else
            {
                for (var c = node.ChildCount - 1; c >= 0; c--)
                {
                    stack[top++] = node.FirstChild + c;
                }
            }
        }

        fx = sumX;
        fy = sumY;
        return z;
    }

    /// <summary>sum_j p_ij w_ij (y_i - y_j) over row i of P.</summary>
    private static void Attraction(float[] y, SparseAffinities p, int i, out float ax, out float ay)
    {
        var px = y[2 * i];
        var py = y[2 * i + 1];
        float sumX = 0, sumY = 0;
        var columns = p.Columns;
        var values = p.Values;
        for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
        {
            var j = columns[e];
            var dx = px - y[2 * j];
            var dy = py - y[2 * j + 1];
            var f = values[e] / (1f + dx * dx + dy * dy);
            sumX += f * dx;
            sumY += f * dy;
        }

        ax = sumX;
        ay = sumY;
    }
}
