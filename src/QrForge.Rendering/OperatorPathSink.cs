namespace QrForge.Rendering;

/// <summary>
/// Path data in PDF's operators (<c>re m l c h</c>), one per line; the EPS prolog defines the same names, so PDF and EPS
/// share it. Coordinates are layout modules with y growing downwards (each format's transform flips the page).
/// Rounded corners are cubic Béziers.
/// </summary>
internal readonly struct OperatorPathSink(PooledBuffer buffer) : IShapeSink
{
    public void Run(int x, int y, int length)
    {
        buffer.AppendInt(x);
        buffer.Append((byte)' ');
        buffer.AppendInt(y);
        buffer.Append((byte)' ');
        buffer.AppendInt(length);
        buffer.Append(" 1 re\n"u8);
    }

    public void RoundedSquare(int x, int y, int side, double radius)
    {
        if (radius <= 0)
        {
            buffer.AppendInt(x);
            buffer.Append((byte)' ');
            buffer.AppendInt(y);
            buffer.Append((byte)' ');
            buffer.AppendInt(side);
            buffer.Append((byte)' ');
            buffer.AppendInt(side);
            buffer.Append(" re\n"u8);
            return;
        }

        double left = x, top = y, right = x + side, bottom = y + side, r = radius;
        var k = r * ShapeGeometry.Kappa;
        var straight = side - (2 * r) > 0;

        // Clockwise on the page (y down), starting at the left end of the top edge.
        Point(left + r, top, "m"u8);
        if (straight)
        {
            Point(right - r, top, "l"u8);
        }

        Curve(right - r + k, top, right, top + r - k, right, top + r);
        if (straight)
        {
            Point(right, bottom - r, "l"u8);
        }

        Curve(right, bottom - r + k, right - r + k, bottom, right - r, bottom);
        if (straight)
        {
            Point(left + r, bottom, "l"u8);
        }

        Curve(left + r - k, bottom, left, bottom - r + k, left, bottom - r);
        if (straight)
        {
            Point(left, top + r, "l"u8);
        }

        Curve(left, top + r - k, left + r - k, top, left + r, top);
        buffer.Append("h\n"u8);
    }

    private void Point(double x, double y, ReadOnlySpan<byte> op)
    {
        buffer.AppendNumber(x);
        buffer.Append((byte)' ');
        buffer.AppendNumber(y);
        buffer.Append((byte)' ');
        buffer.Append(op);
        buffer.Append((byte)'\n');
    }

    private void Curve(double x1, double y1, double x2, double y2, double x3, double y3)
    {
        buffer.AppendNumber(x1);
        buffer.Append((byte)' ');
        buffer.AppendNumber(y1);
        buffer.Append((byte)' ');
        buffer.AppendNumber(x2);
        buffer.Append((byte)' ');
        buffer.AppendNumber(y2);
        buffer.Append((byte)' ');
        buffer.AppendNumber(x3);
        buffer.Append((byte)' ');
        buffer.AppendNumber(y3);
        buffer.Append(" c\n"u8);
    }

    /// <summary>Appends the three components of an sRGB colour as numbers from 0 to 1, space-separated.</summary>
    public static void AppendColor(PooledBuffer buffer, Rgba color)
    {
        buffer.AppendNumber(color.R / 255.0);
        buffer.Append((byte)' ');
        buffer.AppendNumber(color.G / 255.0);
        buffer.Append((byte)' ');
        buffer.AppendNumber(color.B / 255.0);
    }
}
