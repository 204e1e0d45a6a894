using System.Xml.Linq;

namespace Vectorized.Autoencoders.Tests.Plotting;

/// <summary>Parses an SVG as XML and reads what a reader of the figure would see.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        return doc;
    }

    public static string[] TextsOfClass(XDocument doc, string cssClass) =>
        doc.Descendants(Svg + "text").Where(t => ClassOf(t) == cssClass).Select(t => t.Value).ToArray();

    public static string[] GroupTexts(XDocument doc, string groupClass) =>
        doc.Descendants(Svg + "g").Where(g => ClassOf(g) == groupClass).SelectMany(g => g.Descendants(Svg + "text")).Select(t => t.Value).ToArray();

    public static string[] SeriesNames(XDocument doc) =>
        doc.Descendants(Svg + "polyline").Where(p => ClassOf(p) == "series").Select(p => (string)p.Attribute("data-series")!).ToArray();

    public static string? ClassOf(XElement e) => (string?)e.Attribute("class");

    /// <summary>Title shown (text) and declared (&lt;title&gt;).</summary>
    public static void HasTitleAndAxes(XDocument doc, string title, string xLabel, string yLabel)
    {
        Assert.Equal(title, doc.Root!.Element(Svg + "title")!.Value);
        Assert.Equal([title], TextsOfClass(doc, "title"));
        Assert.Equal([xLabel, yLabel], TextsOfClass(doc, "axis-label"));
        Assert.True(GroupTexts(doc, "x-axis").Length >= 3, "x-axis has tick labels");
        Assert.True(GroupTexts(doc, "y-axis").Length >= 3, "y-axis has tick labels");
    }
}
