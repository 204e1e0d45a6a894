using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// A point-region quadtree over a 2-D map with each cell's point count and centre of mass, the
/// summary Barnes-Hut needs. Stored flat and rebuilt in place every iteration: nodes in arrays,
/// the four (non-empty) children of a node next to each other, and the points permuted into
/// tree order so every node owns a contiguous range and a leaf's points sit together in memory.
/// </summary>
internal sealed class QuadTree
{
    /// <summary>A node with at most this many points is not split: 12 ran 10-20% faster than 1 or 4 at 10k points.</summary>
    public const int DefaultLeafCapacity = 12;

    /// <summary>Duplicate points cannot be separated; stop splitting at this depth.</summary>
    public const int MaxDepth = 40;

    private readonly int _leafCapacity;
    private int[] _scratch = [];

    public QuadTree(int leafCapacity = DefaultLeafCapacity)
    {
        _leafCapacity = Math.Max(1, leafCapacity);
    }

    public int Points { get; private set; }

    public int NodeCount { get; private set; }

    /// <summary>Original index of the point at each tree position: [points].</summary>
    public int[] Order { get; private set; } = [];

    /// <summary>Coordinates in tree order: [points] each.</summary>
    public float[] SortedX { get; private set; } = [];

    public float[] SortedY { get; private set; } = [];

    /// <summary>The nodes, root first: [NodeCount] valid entries.</summary>
    public Node[] Nodes { get; private set; } = [];

    // Double sums behind the centres of mass, so a parent's centre is exact from its children's.
    private double[] _sumX = [];
    private double[] _sumY = [];

    /// <summary>Rebuilds the tree over the points of <paramref name="y"/>.</summary>
    // y: [n, 2]
    public void Build(ReadOnlySpan<float> y, int n)
    {
        Points = n;
        if (Order.Length < n)
        {
            Order = new int[n];
            SortedX = new float[n];
            SortedY = new float[n];
            _scratch = new int[n];
        }

        float minX = float.PositiveInfinity, minY = float.PositiveInfinity;
        float maxX = float.NegativeInfinity, maxY = float.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            Order[i] = i;
            var px = y[2 * i];
            var py = y[2 * i + 1];
            minX = Math.Min(minX, px);
            maxX = Math.Max(maxX, px);
            minY = Math.Min(minY, py);
            maxY = Math.Max(maxY, py);
        }

        // A square root cell; the small margin keeps the extreme points strictly inside.
        var half = Math.Max(maxX - minX, maxY - minY) * 0.5f * (1f + 1e-5f) + 1e-30f;
        var cx = (minX + maxX) * 0.5f;
        var cy = (minY + maxY) * 0.5f;
        NodeCount = 0;
        var root = NewNode();
        BuildNode(y, root, 0, n, cx, cy, half, 0);
        for (var s = 0; s < n; s++)
        {
            SortedX[s] = y[2 * Order[s]];
            SortedY[s] = y[2 * Order[s] + 1];
        }
    }

    private void BuildNode(ReadOnlySpan<float> y, int node, int start, int end, float cx, float cy, float half, int depth)
    {
        var count = end - start;
        ref var self = ref Nodes[node];
        self.Count = count;
        self.Start = start;
        self.Width2 = 4f * half * half;
        if (count <= _leafCapacity || depth >= MaxDepth)
        {
            self.FirstChild = -1;
            self.ChildCount = 0;
            double sx = 0, sy = 0;
            for (var s = start; s < end; s++)
            {
                sx += y[2 * Order[s]];
                sy += y[2 * Order[s] + 1];
            }

            SetCenter(node, sx, sy, count);
            return;
        }

        // Stable counting partition into quadrants 0..3 (bit 0: right half, bit 1: upper half).
        Span<int> quadrantCount = stackalloc int[4];
        quadrantCount.Clear();
        for (var s = start; s < end; s++)
        {
            quadrantCount[Quadrant(y, Order[s], cx, cy)]++;
        }

        Span<int> quadrantStart = stackalloc int[5];
        quadrantStart[0] = start;
        for (var q = 0; q < 4; q++)
        {
            quadrantStart[q + 1] = quadrantStart[q] + quadrantCount[q];
        }

        Span<int> cursor = stackalloc int[4];
        quadrantStart[..4].CopyTo(cursor);
        for (var s = start; s < end; s++)
        {
            var i = Order[s];
            _scratch[cursor[Quadrant(y, i, cx, cy)]++] = i;
        }

        _scratch.AsSpan(start, count).CopyTo(Order.AsSpan(start, count));

        // Reserve the children side by side before descending, so a node's children are contiguous.
        var children = 0;
        for (var q = 0; q < 4; q++)
        {
            children += quadrantCount[q] > 0 ? 1 : 0;
        }

        var first = NodeCount;
        for (var c = 0; c < children; c++)
        {
            NewNode();
        }

        // NewNode may have reallocated the array: no ref across it.
        Nodes[node].FirstChild = first;
        Nodes[node].ChildCount = children;
        var quarter = half * 0.5f;
        var child = first;
        double sumX = 0, sumY = 0;
        for (var q = 0; q < 4; q++)
        {
            if (quadrantCount[q] == 0)
            {
                continue;
            }

            var ccx = (q & 1) != 0 ? cx + quarter : cx - quarter;
            var ccy = (q & 2) != 0 ? cy + quarter : cy - quarter;
            BuildNode(y, child, quadrantStart[q], quadrantStart[q + 1], ccx, ccy, quarter, depth + 1);
            sumX += _sumX[child];
            sumY += _sumY[child];
            child++;
        }

        SetCenter(node, sumX, sumY, count);
    }

    private static int Quadrant(ReadOnlySpan<float> y, int i, float cx, float cy) =>
        (y[2 * i] >= cx ? 1 : 0) | (y[2 * i + 1] >= cy ? 2 : 0);

    private void SetCenter(int node, double sumX, double sumY, int count)
    {
        _sumX[node] = sumX;
        _sumY[node] = sumY;
        Nodes[node].CenterX = (float)(sumX / count);
        Nodes[node].CenterY = (float)(sumY / count);
    }

    private int NewNode()
    {
        if (NodeCount == Nodes.Length)
        {
            var capacity = Math.Max(16, 2 * Nodes.Length);
            Nodes = Grow(Nodes, capacity);
            _sumX = Grow(_sumX, capacity);
            _sumY = Grow(_sumY, capacity);
        }

        return NodeCount++;
    }

    private static T[] Grow<T>(T[] array, int capacity)
    {
        var grown = new T[capacity];
        array.CopyTo(grown, 0);
        return grown;
    }

    /// <summary>One cell; 32 bytes, so a visit during the tree walk touches one cache line.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Node
    {
        /// <summary>Centre of mass of the node's points.</summary>
        public float CenterX;
        public float CenterY;

        /// <summary>Squared side length of the node's square cell.</summary>
        public float Width2;

        /// <summary>Points under the node.</summary>
        public int Count;

        /// <summary>First tree position of the node's points.</summary>
        public int Start;

        /// <summary>Index of the first child, or -1 for a leaf.</summary>
        public int FirstChild;

        /// <summary>Number of non-empty children (0 for a leaf).</summary>
        public int ChildCount;

        private readonly int _padding;
    }
}
