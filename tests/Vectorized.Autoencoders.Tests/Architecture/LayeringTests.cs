using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Tests.Architecture;

/// <summary>
/// The library's namespaces depend downward only (src/ARCHITECTURE.md's diagram): a namespace may use
/// the namespaces listed before it, never one after it, so no import cycle can come back unseen.
/// </summary>
public class LayeringTests
{
    /// <summary>Bottom first; a new namespace goes here and into src/ARCHITECTURE.md.</summary>
    private static readonly string[] s_bottomUp =
    [
        "IO", "Simd", "Threading", "Randomness",
        "Data", "Serialization",
        "Kernels", "Gemm",
        "Layers", "Losses", "Optimizers",
        "Models", "Onnx",
        "Training",
        "Tsne",
    ];

    [Fact]
    public void Every_namespace_depends_only_on_the_ones_below_it()
    {
        var edges = NamespaceDependencies.Edges(typeof(Autoencoder).Assembly);
        var upward = edges
            .Where(e => Array.IndexOf(s_bottomUp, e.Key.To) >= Array.IndexOf(s_bottomUp, e.Key.From))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({e.Value})")
            .ToList();
        Assert.True(upward.Count == 0, "upward dependencies:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Every_namespace_has_a_place_in_the_layering()
    {
        var namespaces = typeof(Autoencoder).Assembly.GetTypes()
            .Select(NamespaceDependencies.Layer)
            .OfType<string>()
            .Distinct()
            .Where(ns => !s_bottomUp.Contains(ns))
            .ToList();
        Assert.True(namespaces.Count == 0, "not in the layering: " + string.Join(", ", namespaces));
    }

    [Fact]
    public void The_reader_sees_a_dependency_hidden_in_a_method_body()
    {
        // Layers reach the SGEMM only inside Dense's method bodies (their signatures are spans of floats).
        var edges = NamespaceDependencies.Edges(typeof(Autoencoder).Assembly);
        Assert.Contains(("Layers", "Gemm"), edges.Keys);
    }
}
