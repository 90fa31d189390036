namespace QrForge.Scanning;

/// <summary>Micro QR detection (§6.3.2): one finder pattern, timing along row and column 0, 8 orientations.</summary>
internal static class MicroQrDetector
{
    /// <summary>
    /// Reads a Micro QR symbol (§6.3.2: one finder, timing along row and column 0) around one finder pattern, in each
    /// of the 8 axis-aligned orientations (4 rotations, mirrored or not). The format information next to the finder
    /// names the version, so the side follows from it. Symbols at other angles or in perspective are not read yet.
    /// </summary>
    public static DetectedSymbol? Decode(BinaryImage image, PatternCandidate finder)
    {
        var (angle, module) = FinderGeometry.FinderOrientation(image, finder);
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        foreach (var (sx, sy, transposed) in MicroOrientations)
        {
            (double X, double Y) Similar(double i, double j) => Rotated(finder, module, cos, sin, sx, sy, transposed, i, j);

            if (DecodeMicroThrough(image, Similar, sx * sy * (transposed ? -1 : 1) < 0) is { } symbol)
            {
                return symbol;
            }
        }

        // Perspective: the finder's traced outer corners (and centre) fix a homography that a rotation cannot.
        Span<(double X, double Y)> corners = stackalloc (double X, double Y)[4];
        foreach (var (sx, sy, transposed) in MicroOrientations)
        {
            (double X, double Y) Similar(double i, double j) => Rotated(finder, module, cos, sin, sx, sy, transposed, i, j);

            var (p0, p1, p2, p3) = (Similar(0, 0), Similar(7, 0), Similar(7, 7), Similar(0, 7));
            var guess = PerspectiveTransform.QuadrilateralToQuadrilateral(0, 0, 7, 0, 7, 7, 0, 7, p0.X, p0.Y, p1.X, p1.Y, p2.X, p2.Y, p3.X, p3.Y);
            if (!GridFitting.FinderCorners(image, finder, 3.5, 3.5, guess, corners))
            {
                continue;
            }

            (double, double, double, double)[] points =
                [(0, 0, corners[0].X, corners[0].Y), (7, 0, corners[1].X, corners[1].Y), (7, 7, corners[2].X, corners[2].Y), (0, 7, corners[3].X, corners[3].Y), (3.5, 3.5, finder.X, finder.Y)];
            if (HomographyFit.Fit(points) is { } fitted
                && DecodeMicroThrough(image, (i, j) => fitted.Apply(i, j), sx * sy * (transposed ? -1 : 1) < 0) is { } symbol)
            {
                return symbol;
            }
        }

        return null;
    }

    // Module (i, j) of a Micro QR symbol whose finder is centred on finder and turned by an angle (cos, sin): (u, v)
    // along the finder's own axes (mirrored by sx, sy, swapped when transposed), scaled and rotated into the image.
    private static (double X, double Y) Rotated(PatternCandidate finder, double module, double cos, double sin, int sx, int sy, bool transposed, double i, double j)
    {
        var (u, v) = transposed ? (j, i) : (i, j);
        var a = sx * (u - 3.5) * module;
        var b = sy * (v - 3.5) * module;
        return (finder.X + (a * cos) - (b * sin), finder.Y + (a * sin) + (b * cos));
    }

    /// <summary>Reads the Micro QR format word and grid through a module → pixel map; null when either fails.</summary>
    internal static DetectedSymbol? DecodeMicroThrough(BinaryImage image, Func<double, double, (double X, double Y)> map, bool mirrored)
    {
        bool Dark(int i, int j)
        {
            var (px, py) = map(i + 0.5, j + 0.5);
            if (double.IsNaN(px) || double.IsNaN(py))
            {
                return false;
            }

            var x = (int)Math.Floor(px);
            var y = (int)Math.Floor(py);
            return (uint)x < (uint)image.Width && (uint)y < (uint)image.Height && image[x, y];
        }

        var format = SymbolTables.DecodeFormat(SymbolDecoder.ReadMicroFormatWord(Dark), micro: true, out _);
        if (format < 0)
        {
            return null;
        }

        var number = format >> 2;
        var version = SymbolTables.MicroSymbol(number).Version;
        var size = (version * 2) + 9;
        var grid = new bool[size * size];
        for (var j = 0; j < size; j++)
        {
            for (var i = 0; i < size; i++)
            {
                grid[(j * size) + i] = Dark(i, j);
            }
        }

        if (SymbolDecoder.DecodeMicro(grid, number, format & 3) is not { } content)
        {
            return null;
        }

        var corners = new[] { map(0, 0), map(size, 0), map(size, size), map(0, size) }.Select(p => new ScanPoint(p.X, p.Y)).ToArray();
        return new DetectedSymbol(content, corners, mirrored, true);
    }

    internal static readonly (int X, int Y, bool Transposed)[] MicroOrientations =
        [(1, 1, false), (-1, 1, true), (-1, -1, false), (1, -1, true), (1, 1, true), (-1, 1, false), (-1, -1, true), (1, -1, false)];
}
