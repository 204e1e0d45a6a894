using System.Globalization;
using System.Text;

namespace Vectorized.Autoencoders.Plotting;

/// <summary>
/// Builds an SVG document as text. Numbers are written in invariant culture with at most two
/// decimals (a hundredth of a pixel is invisible and keeps files small), and all text is
/// XML-escaped, so series names from users cannot break the document.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();

    public SvgWriter(double width, double height, string title)
    {
        _text.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"sans-serif\" font-size=\"13\">\n");
        // <title> is what screen readers and browser tooltips show.
        _text.Append("<title>").Append(Escape(title)).Append("</title>\n");
        _text.Append(CultureInfo.InvariantCulture, $"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? cssClass = null)
    {
        _text.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"");
        if (dash is not null)
        {
            _text.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        Class(cssClass);
        _text.Append("/>\n");
    }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, string? cssClass = null)
    {
        _text.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"{fill}\"");
        if (stroke is not null)
        {
            _text.Append(" stroke=\"").Append(stroke).Append('"');
        }

        Class(cssClass);
        _text.Append("/>\n");
    }

    public void Circle(double cx, double cy, double r, string fill, double opacity = 1)
    {
        _text.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"");
        if (opacity < 1)
        {
            _text.Append(CultureInfo.InvariantCulture, $" fill-opacity=\"{N(opacity)}\"");
        }

        _text.Append("/>\n");
    }

    /// <summary>An open polyline through the points, tagged with the series name for readers and tests.</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, string seriesName, string? fill = null, double fillOpacity = 0)
    {
        _text.Append("<polyline points=\"");
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(' ');
            }

            _text.Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        }

        _text.Append(CultureInfo.InvariantCulture, $"\" fill=\"{fill ?? "none"}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\"");
        if (fill is not null)
        {
            _text.Append(CultureInfo.InvariantCulture, $" fill-opacity=\"{N(fillOpacity)}\"");
        }

        _text.Append(" class=\"series\" data-series=\"").Append(Escape(seriesName)).Append("\"/>\n");
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> degrees about the anchor point.</summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = 13, string? cssClass = null, double rotate = 0, string fill = "#222222", string weight = "normal")
    {
        _text.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\"");
        if (weight != "normal")
        {
            _text.Append(" font-weight=\"").Append(weight).Append('"');
        }

        if (rotate != 0)
        {
            _text.Append(CultureInfo.InvariantCulture, $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        }

        Class(cssClass);
        _text.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public void OpenGroup(string cssClass) => _text.Append("<g class=\"").Append(Escape(cssClass)).Append("\">\n");

    public void CloseGroup() => _text.Append("</g>\n");

    public override string ToString() => _text + "</svg>\n";

    /// <summary>Escapes the five XML special characters; drops control characters XML 1.0 forbids.</summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&apos;"); break;
                case < ' ' when c is not ('\t' or '\n' or '\r'): break;
                default: result.Append(c); break;
            }
        }

        return result.ToString();
    }

    /// <summary>A coordinate in invariant culture, at most two decimals.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private void Class(string? cssClass)
    {
        if (cssClass is not null)
        {
            _text.Append(" class=\"").Append(Escape(cssClass)).Append('"');
        }
    }
}
