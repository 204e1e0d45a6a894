namespace Vectorized.Autoencoders.Plotting;

/// <summary>
/// The parts every plot shares: a fixed page layout, the data-to-pixel mapping, axes with
/// nice ticks and light grid lines, the title, the axis labels and a legend to the right of
/// the plotting area. A plot draws its own marks between <see cref="Begin"/> and the legend.
/// </summary>
internal sealed class PlotFrame
{
    public const double Width = 760;
    public const double Height = 440;
    private const double Left = 72;
    private const double Right = 190; // room for the legend
    private const double Top = 48;
    private const double Bottom = 58;

    private readonly double[] _xTicks;
    private readonly double[] _yTicks;

    public PlotFrame(string title, string xLabel, string yLabel, double xMin, double xMax, double yMin, double yMax)
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
        _xTicks = NiceTicks.Compute(xMin, xMax);
        _yTicks = NiceTicks.Compute(yMin, yMax);
        Svg = new SvgWriter(Width, Height, title);
    }

    public string Title { get; }

    public string XLabel { get; }

    public string YLabel { get; }

    public SvgWriter Svg { get; }

    public double PlotLeft => Left;

    public double PlotRight => Width - Right;

    public double PlotTop => Top;

    public double PlotBottom => Height - Bottom;

    public double XMin => _xTicks[0];

    public double XMax => _xTicks[^1];

    public double YMin => _yTicks[0];

    public double YMax => _yTicks[^1];

    public double MapX(double x) => PlotLeft + (x - XMin) / (XMax - XMin) * (PlotRight - PlotLeft);

    public double MapY(double y) => PlotBottom - (y - YMin) / (YMax - YMin) * (PlotBottom - PlotTop);

    /// <summary>Draws the title, grid, axes, ticks and axis labels.</summary>
    public void Begin()
    {
        Svg.Text(Width / 2, 28, Title, "middle", 17, "title", weight: "bold");

        Svg.OpenGroup("grid");
        foreach (var y in _yTicks)
        {
            Svg.Line(PlotLeft, MapY(y), PlotRight, MapY(y), "#e6e6e6");
        }

        foreach (var x in _xTicks)
        {
            Svg.Line(MapX(x), PlotTop, MapX(x), PlotBottom, "#e6e6e6");
        }

        Svg.CloseGroup();

        Svg.OpenGroup("x-axis");
        Svg.Line(PlotLeft, PlotBottom, PlotRight, PlotBottom, "#333333");
        var xStep = _xTicks.Length > 1 ? _xTicks[1] - _xTicks[0] : 1;
        foreach (var x in _xTicks)
        {
            Svg.Line(MapX(x), PlotBottom, MapX(x), PlotBottom + 5, "#333333");
            Svg.Text(MapX(x), PlotBottom + 19, NiceTicks.Format(x, xStep), "middle", 12, "tick");
        }

        Svg.Text((PlotLeft + PlotRight) / 2, Height - 14, XLabel, "middle", 14, "axis-label");
        Svg.CloseGroup();

        Svg.OpenGroup("y-axis");
        Svg.Line(PlotLeft, PlotTop, PlotLeft, PlotBottom, "#333333");
        var yStep = _yTicks.Length > 1 ? _yTicks[1] - _yTicks[0] : 1;
        foreach (var y in _yTicks)
        {
            Svg.Line(PlotLeft - 5, MapY(y), PlotLeft, MapY(y), "#333333");
            Svg.Text(PlotLeft - 8, MapY(y) + 4, NiceTicks.Format(y, yStep), "end", 12, "tick");
        }

        Svg.Text(18, (PlotTop + PlotBottom) / 2, YLabel, "middle", 14, "axis-label", rotate: -90);
        Svg.CloseGroup();
    }

    /// <summary>A legend: one coloured swatch and name per entry, top right, outside the data.</summary>
    public void Legend(IReadOnlyList<(string Name, string Color)> entries, bool dots = false)
    {
        Svg.OpenGroup("legend");
        var x = PlotRight + 16;
        var y = PlotTop + 8;
        foreach (var (name, color) in entries)
        {
            if (dots)
            {
                Svg.Circle(x + 9, y, 5, color);
            }
            else
            {
                Svg.Line(x, y, x + 18, y, color, 3);
            }

            Svg.Text(x + 26, y + 4, name, "start", 13, "legend-entry");
            y += 22;
        }

        Svg.CloseGroup();
    }

    public override string ToString() => Svg.ToString();
}
