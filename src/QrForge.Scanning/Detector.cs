namespace QrForge.Scanning;

/// <summary>
/// Work left for one image, in modules sampled, shared by all its passes (binarisations, row steps, inversion):
/// noise and textures yield many plausible finder triples, and each attempt samples and decodes a grid.
/// </summary>
internal sealed class DetectionBudget(long modules)
{
    private long _remaining = modules;

    /// <summary>Charges one grid of side <paramref name="dimension"/>; false once the budget is spent.</summary>
    public bool TrySpend(int dimension)
    {
        _remaining -= (long)dimension * dimension;
        return _remaining >= 0;
    }
}

/// <summary>A decoded symbol as the detector found it: content, the four corners in the image, and orientation.</summary>
internal sealed record DetectedSymbol(SymbolContent Content, ScanPoint[] Corners, bool Mirrored, bool Micro);

/// <summary>
/// Finder pattern triples → decoded symbols: module size and dimension from the finder geometry, the bottom-right
/// alignment pattern (version 2 and up) to pin the perspective, sampling of the module grid through the transform,
/// and retries with the version read from the symbol and with the mirrored grid.
/// </summary>
internal static class Detector
{
    // At most this many finder candidates (the most often confirmed) enter the triple search, bounding it to C(24, 3).
    private const int MaxCandidates = 24;

    // At most this many finder triples are decoded per pass over an image.
    private const int MaxTripleAttempts = 40;

    // At most this many alignment pattern look-alikes are tried per triple and dimension.
    private const int MaxAlignmentCandidates = 6;

    /// <summary>
    /// Finds and decodes symbols. Rows are scanned every 2–4 pixels (by image size) first; when that finds nothing,
    /// every row, so finder patterns only a few pixels tall are not skipped.
    /// </summary>
    public static List<DetectedSymbol> Detect(BinaryImage image, int maxSymbols, DetectionBudget budget)
    {
        var rowStep = Math.Clamp(Math.Min(image.Width, image.Height) / 250, 2, 4);
        var results = Detect(image, maxSymbols, rowStep, budget);
        return results.Count > 0 ? results : Detect(image, maxSymbols, 1, budget);
    }

    private static List<DetectedSymbol> Detect(BinaryImage image, int maxSymbols, int rowStep, DetectionBudget budget)
    {
        var results = new List<DetectedSymbol>();
        var candidates = new FinderPatternFinder(image).Find(rowStep);
        if (candidates.Count == 0)
        {
            return results;
        }

        var confirmed = candidates.Where(c => c.Count >= 2).ToList();
        var pool = (confirmed.Count >= 3 ? confirmed : candidates)
            .OrderByDescending(c => c.Count)
            .Take(MaxCandidates)
            .ToList();

        var triples = new List<(double Score, PatternCandidate BottomLeft, PatternCandidate TopLeft, PatternCandidate TopRight)>();
        for (var i = 0; i < pool.Count; i++)
        {
            for (var j = i + 1; j < pool.Count; j++)
            {
                for (var k = j + 1; k < pool.Count; k++)
                {
                    if (Score(pool[i], pool[j], pool[k]) is { } triple)
                    {
                        triples.Add(triple);
                    }
                }
            }
        }

        triples.Sort((a, b) => a.Score.CompareTo(b.Score));
        var used = new HashSet<PatternCandidate>();
        DecodeTriples(image, maxSymbols, results, triples, used, budget);

        // Finder patterns left over may each be a Micro QR symbol's only finder.
        foreach (var candidate in pool)
        {
            if (results.Count >= maxSymbols)
            {
                break;
            }

            if (!used.Contains(candidate) && !InsideFound(results, candidate) && DecodeMicro(image, candidate) is { } micro)
            {
                results.Add(micro);
                used.Add(candidate);
            }
        }

        return results;
    }

    private static void DecodeTriples(
        BinaryImage image, int maxSymbols, List<DetectedSymbol> results,
        List<(double Score, PatternCandidate BottomLeft, PatternCandidate TopLeft, PatternCandidate TopRight)> triples,
        HashSet<PatternCandidate> used, DetectionBudget budget)
    {
        var attempts = 0;
        foreach (var (_, bottomLeft, topLeft, topRight) in triples)
        {
            if (used.Contains(bottomLeft) || used.Contains(topLeft) || used.Contains(topRight))
            {
                continue;
            }

            // Noise and textures can yield hundreds of plausible triples: bound the work per image.
            if (++attempts > MaxTripleAttempts)
            {
                break;
            }

            if (DecodeTriple(image, bottomLeft, topLeft, topRight, budget) is { } symbol)
            {
                results.Add(symbol);
                used.Add(bottomLeft);
                used.Add(topLeft);
                used.Add(topRight);
                if (results.Count >= maxSymbols)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Whether a point lies inside a symbol already decoded (a finder-like shape in its data, say).</summary>
    private static bool InsideFound(List<DetectedSymbol> found, PatternCandidate candidate)
    {
        foreach (var symbol in found)
        {
            var inside = true;
            for (var i = 0; i < 4; i++)
            {
                var a = symbol.Corners[i];
                var b = symbol.Corners[(i + 1) % 4];
                var cross = ((b.X - a.X) * (candidate.Y - a.Y)) - ((b.Y - a.Y) * (candidate.X - a.X));
                inside &= symbol.Mirrored ? cross <= 0 : cross >= 0;
            }

            if (inside)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads a Micro QR symbol (§6.3.2: one finder, timing along row and column 0) around one finder pattern, in each
    /// of the 8 axis-aligned orientations (4 rotations, mirrored or not). The format information next to the finder
    /// names the version, so the side follows from it. Symbols at other angles or in perspective are not read yet.
    /// </summary>
    private static DetectedSymbol? DecodeMicro(BinaryImage image, PatternCandidate finder)
    {
        var (angle, module) = FinderOrientation(image, finder);
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        foreach (var (sx, sy, transposed) in MicroOrientations)
        {
            (double X, double Y) Similar(double i, double j)
            {
                // (u, v) along the finder's own axes, rotated by its angle into the image.
                var (u, v) = transposed ? (j, i) : (i, j);
                var a = sx * (u - 3.5) * module;
                var b = sy * (v - 3.5) * module;
                return (finder.X + (a * cos) - (b * sin), finder.Y + (a * sin) + (b * cos));
            }

            if (DecodeMicroThrough(image, Similar, sx * sy * (transposed ? -1 : 1) < 0) is { } symbol)
            {
                return symbol;
            }
        }

        // Perspective: the finder's traced outer corners (and centre) fix a homography that a rotation cannot.
        Span<(double X, double Y)> corners = stackalloc (double X, double Y)[4];
        foreach (var (sx, sy, transposed) in MicroOrientations)
        {
            (double X, double Y) Similar(double i, double j)
            {
                var (u, v) = transposed ? (j, i) : (i, j);
                var a = sx * (u - 3.5) * module;
                var b = sy * (v - 3.5) * module;
                return (finder.X + (a * cos) - (b * sin), finder.Y + (a * sin) + (b * cos));
            }

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

    /// <summary>Reads the Micro QR format word and grid through a module → pixel map; null when either fails.</summary>
    private static DetectedSymbol? DecodeMicroThrough(BinaryImage image, Func<double, double, (double X, double Y)> map, bool mirrored)
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

    /// <summary>
    /// The angle (radians, 0 to π/2) of a finder pattern's axes and its module size along them. Rays from the centre
    /// find the outer edge of the finder's dark ring (the end of its dark-light-dark run); the square's bounding box
    /// over those edge points is smallest, with a sharp minimum, when its axes are the finder's.
    /// </summary>
    internal static (double Angle, double Module) FinderOrientation(BinaryImage image, PatternCandidate finder)
    {
        const int Rays = 72;
        var reach = finder.ModuleSize * 12;
        Span<double> xs = stackalloc double[Rays];
        Span<double> ys = stackalloc double[Rays];
        var count = 0;
        for (var k = 0; k < Rays; k++)
        {
            var radians = k * 2 * Math.PI / Rays;
            var (dx, dy) = (Math.Cos(radians), Math.Sin(radians));
            var run = Run(image, (int)finder.X, (int)finder.Y, (int)(finder.X + (reach * dx)), (int)(finder.Y + (reach * dy)));
            if (!double.IsNaN(run))
            {
                xs[count] = run * dx;
                ys[count] = run * dy;
                count++;
            }
        }

        if (count < Rays / 2)
        {
            return (0, finder.ModuleSize);
        }

        double best = 0, bestBox = double.MaxValue;
        for (var degrees = 0.0; degrees < 90; degrees += 0.5)
        {
            var radians = degrees * Math.PI / 180;
            var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
            double maxU = 0, maxV = 0;
            for (var i = 0; i < count; i++)
            {
                maxU = Math.Max(maxU, Math.Abs((xs[i] * cos) + (ys[i] * sin)));
                maxV = Math.Max(maxV, Math.Abs((ys[i] * cos) - (xs[i] * sin)));
            }

            if (maxU + maxV < bestBox)
            {
                (best, bestBox) = (degrees, maxU + maxV);
            }
        }

        // Module size from the sides rather than the box (the box takes maxima, biased up by a pixel): per side, the
        // median projection of the edge points within 20° of its normal, less half a pixel because a run ends at the
        // first light pixel while the edge lies, on average, half a pixel before it. Half a side is 3.5 modules.
        var angle = best * Math.PI / 180;
        Span<double> projections = stackalloc double[Rays];
        var sides = 0.0;
        for (var side = 0; side < 4; side++)
        {
            var normal = angle + (side * Math.PI / 2);
            var (nx, ny) = (Math.Cos(normal), Math.Sin(normal));
            var n = 0;
            for (var i = 0; i < count; i++)
            {
                var length = Math.Sqrt((xs[i] * xs[i]) + (ys[i] * ys[i]));
                var along = ((xs[i] * nx) + (ys[i] * ny)) / length;
                if (along > Math.Cos(20 * Math.PI / 180))
                {
                    projections[n++] = (xs[i] * nx) + (ys[i] * ny);
                }
            }

            if (n == 0)
            {
                return (angle, bestBox / 7);
            }

            var sorted = projections[..n];
            sorted.Sort();
            sides += sorted[n / 2];
        }

        return (angle, ((sides / 4) - 0.5) / 3.5);
    }

    private static readonly (int X, int Y, bool Transposed)[] MicroOrientations =
        [(1, 1, false), (-1, 1, true), (-1, -1, false), (1, -1, true), (1, 1, true), (-1, 1, false), (-1, -1, true), (1, -1, false)];

    /// <summary>
    /// Orders three candidates as bottom-left, top-left (the right-angle corner), top-right and scores how well they
    /// form an isosceles right triangle of similar module sizes; null when they clearly do not.
    /// </summary>
    private static (double, PatternCandidate, PatternCandidate, PatternCandidate)? Score(PatternCandidate p0, PatternCandidate p1, PatternCandidate p2)
    {
        var minModule = Math.Min(p0.ModuleSize, Math.Min(p1.ModuleSize, p2.ModuleSize));
        var maxModule = Math.Max(p0.ModuleSize, Math.Max(p1.ModuleSize, p2.ModuleSize));
        // Perspective can make one finder look over twice the size of another; beyond 2.5× they are unrelated.
        if (maxModule > (minModule * 2.5) + 0.5)
        {
            return null;
        }

        var d01 = PatternCandidate.Distance(p0, p1);
        var d12 = PatternCandidate.Distance(p1, p2);
        var d02 = PatternCandidate.Distance(p0, p2);
        PatternCandidate a, b, c;
        if (d12 >= d01 && d12 >= d02)
        {
            (b, a, c) = (p0, p1, p2);
        }
        else if (d02 >= d12 && d02 >= d01)
        {
            (b, a, c) = (p1, p0, p2);
        }
        else
        {
            (b, a, c) = (p2, p0, p1);
        }

        // The sign of the cross product tells which of the other two is the top-right (clockwise from top-left).
        if (((c.X - b.X) * (a.Y - b.Y)) - ((c.Y - b.Y) * (a.X - b.X)) < 0)
        {
            (a, c) = (c, a);
        }

        var sideA = PatternCandidate.Distance(b, a);
        var sideB = PatternCandidate.Distance(b, c);
        var hypotenuse = PatternCandidate.Distance(a, c);
        var module = (p0.ModuleSize + p1.ModuleSize + p2.ModuleSize) / 3;
        var modules = (sideA + sideB) / (2 * module);
        if (modules < 9 || modules > 190)
        {
            return null;
        }

        var sides = Math.Abs(sideA - sideB) / Math.Min(sideA, sideB);
        var expected = Math.Sqrt((sideA * sideA) + (sideB * sideB));
        var diagonal = Math.Abs(hypotenuse - expected) / Math.Min(hypotenuse, expected);
        if (sides > 0.5 || diagonal > 0.3)
        {
            return null;
        }

        return (sides + diagonal + ((maxModule - minModule) / maxModule), a, b, c);
    }

    private static DetectedSymbol? DecodeTriple(BinaryImage image, PatternCandidate bottomLeft, PatternCandidate topLeft, PatternCandidate topRight, DetectionBudget budget)
    {
        var moduleSize = (ModuleSizeOneWay(image, topLeft, topRight) + ModuleSizeOneWay(image, topLeft, bottomLeft)) / 2;
        if (double.IsNaN(moduleSize) || moduleSize < 1)
        {
            moduleSize = (topLeft.ModuleSize + topRight.ModuleSize + bottomLeft.ModuleSize) / 3;
        }

        var across = (int)Math.Round(PatternCandidate.Distance(topLeft, topRight) / moduleSize);
        var down = (int)Math.Round(PatternCandidate.Distance(topLeft, bottomLeft) / moduleSize);
        var estimate = ((across + down) / 2) + 7;

        // Valid sides are 17 + 4v; try the nearest first, then its neighbours.
        var nearest = 21 + (int)Math.Round((estimate - 21) / 4.0) * 4;
        Span<int> dimensions = [nearest, nearest + 4, nearest - 4];
        var tried = new HashSet<int>();
        foreach (var first in dimensions)
        {
            var dimension = first;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                if (dimension < 21 || dimension > 177 || !tried.Add(dimension))
                {
                    break;
                }

                var plain = Transform(bottomLeft, topLeft, topRight, dimension, null, 0, 0);
                var grid = budget.TrySpend(dimension) ? Sample(image, plain, dimension) : null;
                if (grid is null)
                {
                    // The parallelogram leaves the image under strong perspective; a fit to the finders' corners may not.
                    if (DecodeFitted(image, bottomLeft, topLeft, topRight, dimension, plain, budget) is { } inside)
                    {
                        return inside;
                    }

                    break;
                }

                // The timing patterns between the finders alternate in any real symbol and are placed well even when
                // the fourth corner is not; where they look like noise, the costly retries below are skipped.
                var timing = TimingScore(grid, dimension);

                // Timing patterns read perfectly: most likely no perspective, and the parallelogram is exact; a cheap
                // binary-only try saves the alignment search.
                if (timing >= 0.95 && DecodeBinary(grid, plain, dimension) is { } affine)
                {
                    return affine;
                }

                // Alignment pattern candidates first (they pin perspective), then the parallelogram estimate.
                var alignments = budget.TrySpend(dimension) ? AlignmentCandidates(image, bottomLeft, topLeft, topRight, dimension, moduleSize) : [];
                foreach (var alignment in alignments)
                {
                    var transform = Transform(bottomLeft, topLeft, topRight, dimension, alignment, 0, 0);
                    if (budget.TrySpend(dimension) && Sample(image, transform, dimension) is { } alignedGrid && DecodeEitherWay(image, alignedGrid, transform, dimension) is { } symbol)
                    {
                        return symbol;
                    }
                }

                if (budget.TrySpend(dimension) && DecodeEitherWay(image, grid, plain, dimension) is { } plainSymbol)
                {
                    return plainSymbol;
                }

                // Strong perspective or a large version: a transform fitted to the finders' corners and every alignment
                // pattern, when four points do not pin the grid.
                var guess = alignments.Count > 0 ? Transform(bottomLeft, topLeft, topRight, dimension, alignments[0], 0, 0) : plain;
                if (DecodeFitted(image, bottomLeft, topLeft, topRight, dimension, guess, budget) is { } fitted)
                {
                    return fitted;
                }

                // The parallelogram guess of the fourth corner is wrong under perspective: search around it (up to
                // 1.5 modules each way) for a transform that decodes. Small symbols only, where no alignment helps.
                if (first == nearest && dimension <= 29 && (timing >= 0.6 || dimension == 21))
                {
                    foreach (var (dx, dy) in Offsets)
                    {
                        var moved = Transform(bottomLeft, topLeft, topRight, dimension, null, dx, dy);
                        if (budget.TrySpend(dimension) && Sample(image, moved, dimension) is { } movedGrid && DecodeEitherWay(image, movedGrid, moved, dimension) is { } found)
                        {
                            return found;
                        }
                    }
                }

                var mirroredGrid = Transpose(grid, dimension);

                // Version 7 and up: trust the version information read from the symbol for the side length.
                if (dimension < 45)
                {
                    break;
                }

                var version = SymbolDecoder.ReadVersion(grid, dimension);
                if (version < 0)
                {
                    version = SymbolDecoder.ReadVersion(mirroredGrid, dimension);
                }

                if (version < 0)
                {
                    break;
                }

                dimension = SymbolTables.Size(version);
            }
        }

        return null;
    }

    /// <summary>
    /// Decodes through least-squares transforms: fitted to the finder centres and corners, then to those plus the
    /// alignment patterns found where each fit puts them (two rounds, each fit placing the next search better).
    /// </summary>
    private static DetectedSymbol? DecodeFitted(
        BinaryImage image, PatternCandidate bottomLeft, PatternCandidate topLeft, PatternCandidate topRight, int dimension,
        PerspectiveTransform guess, DetectionBudget budget)
    {
        var points = GridFitting.FinderPoints(image, bottomLeft, topLeft, topRight, dimension, guess);
        var transform = guess;
        if (points is not null && HomographyFit.Fit(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points)) is { } fromFinders)
        {
            transform = fromFinders;
            if (budget.TrySpend(dimension) && Sample(image, transform, dimension) is { } grid && DecodeEitherWay(image, grid, transform, dimension) is { } symbol)
            {
                return symbol;
            }
        }

        points ??= [(3.5, 3.5, topLeft.X, topLeft.Y), (dimension - 3.5, 3.5, topRight.X, topRight.Y), (3.5, dimension - 3.5, bottomLeft.X, bottomLeft.Y)];
        for (var round = 0; round < 2; round++)
        {
            if (!budget.TrySpend(dimension)
                || GridFitting.WithAlignments(image, transform, dimension, points) is not { } withAlignments
                || HomographyFit.Fit(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(withAlignments)) is not { } refined)
            {
                return null;
            }

            transform = refined;
            if (budget.TrySpend(dimension) && Sample(image, transform, dimension) is { } grid && DecodeEitherWay(image, grid, transform, dimension) is { } symbol)
            {
                return symbol;
            }
        }

        return null;
    }

    /// <summary>Fraction of the timing pattern modules (row and column 6 between the finders) that alternate correctly.</summary>
    private static double TimingScore(bool[] grid, int dimension)
    {
        var matches = 0;
        var total = 0;
        for (var i = 8; i < dimension - 8; i++)
        {
            var dark = (i & 1) == 0;
            matches += (grid[(6 * dimension) + i] == dark ? 1 : 0) + (grid[(i * dimension) + 6] == dark ? 1 : 0);
            total += 2;
        }

        return total == 0 ? 1 : matches / (double)total;
    }

    // Offsets of the fourth corner in modules, nearest first.
    private static readonly (double X, double Y)[] Offsets = BuildOffsets();

    private static (double X, double Y)[] BuildOffsets()
    {
        var offsets = new List<(double X, double Y)>();
        for (var x = -3; x <= 3; x++)
        {
            for (var y = -3; y <= 3; y++)
            {
                if (x != 0 || y != 0)
                {
                    offsets.Add((x * 0.5, y * 0.5));
                }
            }
        }

        return [.. offsets.OrderBy(o => (o.X * o.X) + (o.Y * o.Y))];
    }

    /// <summary>Decodes the binary grid as read and mirrored.</summary>
    private static DetectedSymbol? DecodeBinary(bool[] grid, PerspectiveTransform transform, int dimension)
    {
        if (SymbolDecoder.Decode(grid, dimension, out _) is { } content)
        {
            return new DetectedSymbol(content, Corners(transform, dimension, mirrored: false), false, false);
        }

        if (SymbolDecoder.Decode(Transpose(grid, dimension), dimension, out _) is { } mirrored)
        {
            return new DetectedSymbol(mirrored, Corners(transform, dimension, mirrored: true), true, false);
        }

        return null;
    }

    /// <summary>Decodes the grid as read and mirrored; then from the grey image with sharpening, for blurred symbols.</summary>
    private static DetectedSymbol? DecodeEitherWay(BinaryImage image, bool[] grid, PerspectiveTransform transform, int dimension)
    {
        if (DecodeBinary(grid, transform, dimension) is { } symbol)
        {
            return symbol;
        }

        // Grey resampling costs a sort per grid: only where the timing patterns say a symbol is likely there.
        if (TimingScore(grid, dimension) < 0.6)
        {
            return null;
        }

        foreach (var sharpen in Sharpening)
        {
            var greyGrid = SampleGrey(image, transform, dimension, sharpen, out var uncertain);
            if (SymbolDecoder.Decode(greyGrid, dimension, out _, uncertain) is { } fromGrey)
            {
                return new DetectedSymbol(fromGrey, Corners(transform, dimension, mirrored: false), false, false);
            }

            if (SymbolDecoder.Decode(Transpose(greyGrid, dimension), dimension, out _, Transpose(uncertain, dimension)) is { } fromGreyMirrored)
            {
                return new DetectedSymbol(fromGreyMirrored, Corners(transform, dimension, mirrored: true), true, false);
            }
        }

        return null;
    }

    // Weights of the unsharp mask applied to module samples: 0 is plain grey sampling, more undoes more blur.
    private static readonly double[] Sharpening = [0.0, 0.8];

    /// <summary>
    /// Samples grey levels at module centres (bilinear), optionally sharpened against the 4-neighbour mean to undo
    /// blur that spreads one module into the next, and thresholds at the midpoint of the 5th and 95th percentiles.
    /// </summary>
    internal static bool[] SampleGrey(BinaryImage image, PerspectiveTransform transform, int dimension, double sharpen, out bool[] uncertain)
    {
        var values = new double[dimension * dimension];
        for (var y = 0; y < dimension; y++)
        {
            for (var x = 0; x < dimension; x++)
            {
                var (px, py) = transform.Apply(x + 0.5, y + 0.5);
                values[(y * dimension) + x] = Bilinear(image, px - 0.5, py - 0.5);
            }
        }

        var sharpened = values;
        if (sharpen > 0)
        {
            sharpened = new double[values.Length];
            for (var y = 0; y < dimension; y++)
            {
                for (var x = 0; x < dimension; x++)
                {
                    var v = values[(y * dimension) + x];
                    var sum = 0.0;
                    var count = 0;
                    if (x > 0) { sum += values[(y * dimension) + x - 1]; count++; }
                    if (x < dimension - 1) { sum += values[(y * dimension) + x + 1]; count++; }
                    if (y > 0) { sum += values[((y - 1) * dimension) + x]; count++; }
                    if (y < dimension - 1) { sum += values[((y + 1) * dimension) + x]; count++; }
                    sharpened[(y * dimension) + x] = v + (sharpen * (v - (sum / count)));
                }
            }
        }

        var sorted = (double[])sharpened.Clone();
        Array.Sort(sorted);
        var low = sorted[sorted.Length / 20];
        var high = sorted[sorted.Length - 1 - (sorted.Length / 20)];
        var threshold = (low + high) / 2;

        // Modules within 10 % of the contrast from the threshold are doubtful: candidates for erasure.
        var margin = (high - low) * 0.10;
        var grid = new bool[values.Length];
        uncertain = new bool[values.Length];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = sharpened[i] < threshold;
            uncertain[i] = Math.Abs(sharpened[i] - threshold) < margin;
        }

        return grid;
    }

    private static double Bilinear(BinaryImage image, double x, double y)
    {
        var x0 = Math.Clamp((int)Math.Floor(x), 0, image.Width - 1);
        var y0 = Math.Clamp((int)Math.Floor(y), 0, image.Height - 1);
        var x1 = Math.Min(x0 + 1, image.Width - 1);
        var y1 = Math.Min(y0 + 1, image.Height - 1);
        var fx = Math.Clamp(x - x0, 0, 1);
        var fy = Math.Clamp(y - y0, 0, 1);
        var grey = image.Grey;
        var w = image.Width;
        var top = (grey[(y0 * w) + x0] * (1 - fx)) + (grey[(y0 * w) + x1] * fx);
        var bottom = (grey[(y1 * w) + x0] * (1 - fx)) + (grey[(y1 * w) + x1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    private static ScanPoint[] Corners(PerspectiveTransform transform, int dimension, bool mirrored)
    {
        var (x0, y0) = transform.Apply(0, 0);
        var (x1, y1) = transform.Apply(dimension, 0);
        var (x2, y2) = transform.Apply(dimension, dimension);
        var (x3, y3) = transform.Apply(0, dimension);

        // Corners in symbol order: top-left, top-right, bottom-right, bottom-left of the symbol as read.
        return mirrored
            ? [new(x0, y0), new(x3, y3), new(x2, y2), new(x1, y1)]
            : [new(x0, y0), new(x1, y1), new(x2, y2), new(x3, y3)];
    }

    /// <summary>
    /// Candidate centres for the bottom-right alignment pattern, nearest search first. Under perspective the module
    /// size there differs from the average, so the search runs with the size extrapolated from the finders (as the
    /// fourth corner of a parallelogram) and with the average; each may find a different pattern.
    /// </summary>
    internal static List<(double X, double Y)> AlignmentCandidates(
        BinaryImage image, PatternCandidate bottomLeft, PatternCandidate topLeft, PatternCandidate topRight, int dimension, double moduleSize)
    {
        var found = new List<(double X, double Y)>();
        if (dimension <= 21)
        {
            return found;
        }

        // The bottom-right alignment pattern centre sits 3 modules in from the finder centres' square corner.
        var correction = 1 - (3.0 / (dimension - 7));
        var estimateX = (int)(topLeft.X + (correction * (topRight.X - topLeft.X + bottomLeft.X - topLeft.X)));
        var estimateY = (int)(topLeft.Y + (correction * (topRight.Y - topLeft.Y + bottomLeft.Y - topLeft.Y)));
        var extrapolated = Math.Clamp(topRight.ModuleSize + bottomLeft.ModuleSize - topLeft.ModuleSize, moduleSize / 2, moduleSize * 2);
        foreach (var size in (ReadOnlySpan<double>)[moduleSize, extrapolated])
        {
            for (var allowance = 4; allowance <= 16; allowance <<= 1)
            {
                var alignments = AlignmentPatternFinder.FindAll(image, size, estimateX, estimateY, allowance);
                foreach (var alignment in alignments)
                {
                    if (!found.Exists(p => Math.Abs(p.X - alignment.X) < 1 && Math.Abs(p.Y - alignment.Y) < 1))
                    {
                        found.Add((alignment.X, alignment.Y));
                    }
                }

                if (alignments.Count > 0)
                {
                    break;
                }
            }
        }

        // Bounded: each candidate costs a sampling and a decode when the earlier ones fail.
        return found.Count > MaxAlignmentCandidates ? found[..MaxAlignmentCandidates] : found;
    }

    /// <summary>
    /// The module-to-image transform from the three finder centres and either an alignment pattern centre or, when
    /// <paramref name="alignment"/> is null, the parallelogram guess of the fourth corner moved by the offsets.
    /// </summary>
    internal static PerspectiveTransform Transform(
        PatternCandidate bottomLeft, PatternCandidate topLeft, PatternCandidate topRight, int dimension,
        (double X, double Y)? alignment, double offsetX, double offsetY)
    {
        var bottomRightX = topRight.X - topLeft.X + bottomLeft.X;
        var bottomRightY = topRight.Y - topLeft.Y + bottomLeft.Y;
        var sourceBottomRight = dimension - 3.5;
        if (alignment is { } a)
        {
            bottomRightX = a.X;
            bottomRightY = a.Y;
            sourceBottomRight = dimension - 6.5;
        }

        if (offsetX != 0 || offsetY != 0)
        {
            // Offsets are in modules along the top edge (top-left → top-right) and the left edge (top-left → bottom-left).
            var span = dimension - 7.0;
            bottomRightX += ((topRight.X - topLeft.X) * offsetX / span) + ((bottomLeft.X - topLeft.X) * offsetY / span);
            bottomRightY += ((topRight.Y - topLeft.Y) * offsetX / span) + ((bottomLeft.Y - topLeft.Y) * offsetY / span);
        }

        var far = dimension - 3.5;
        return PerspectiveTransform.QuadrilateralToQuadrilateral(
            3.5, 3.5, far, 3.5, sourceBottomRight, sourceBottomRight, 3.5, far,
            topLeft.X, topLeft.Y, topRight.X, topRight.Y, bottomRightX, bottomRightY, bottomLeft.X, bottomLeft.Y);
    }

    /// <summary>Samples each module centre through the transform; null when the grid leaves the image by over a module.</summary>
    internal static bool[]? Sample(BinaryImage image, PerspectiveTransform transform, int dimension)
    {
        var grid = new bool[dimension * dimension];
        var width = image.Width;
        var height = image.Height;
        var bits = image.Bits;
        for (var y = 0; y < dimension; y++)
        {
            for (var x = 0; x < dimension; x++)
            {
                var (px, py) = transform.Apply(x + 0.5, y + 0.5);
                if (double.IsNaN(px) || double.IsNaN(py))
                {
                    return null;
                }

                var ix = (int)Math.Floor(px);
                var iy = (int)Math.Floor(py);
                if (ix < -2 || iy < -2 || ix > width + 1 || iy > height + 1)
                {
                    return null;
                }

                ix = Math.Clamp(ix, 0, width - 1);
                iy = Math.Clamp(iy, 0, height - 1);
                grid[(y * dimension) + x] = bits[(iy * width) + ix] != 0;
            }
        }

        return grid;
    }

    private static bool[] Transpose(bool[] grid, int dimension)
    {
        var result = new bool[grid.Length];
        for (var y = 0; y < dimension; y++)
        {
            for (var x = 0; x < dimension; x++)
            {
                result[(x * dimension) + y] = grid[(y * dimension) + x];
            }
        }

        return result;
    }

    internal static double ModuleSizeOneWay(BinaryImage image, PatternCandidate from, PatternCandidate to)
    {
        var a = RunBothWays(image, (int)from.X, (int)from.Y, (int)to.X, (int)to.Y);
        var b = RunBothWays(image, (int)to.X, (int)to.Y, (int)from.X, (int)from.Y);
        return double.IsNaN(a) ? b / 7 : double.IsNaN(b) ? a / 7 : (a + b) / 14;
    }

    /// <summary>Length of the dark-light-dark run from a finder centre towards another and away from it: 7 modules.</summary>
    private static double RunBothWays(BinaryImage image, int fromX, int fromY, int toX, int toY)
    {
        var result = Run(image, fromX, fromY, toX, toY);
        var scale = 1.0;
        var otherX = fromX - (toX - fromX);
        if (otherX < 0)
        {
            scale = fromX / (double)(fromX - otherX);
            otherX = 0;
        }
        else if (otherX >= image.Width)
        {
            scale = (image.Width - 1 - fromX) / (double)(otherX - fromX);
            otherX = image.Width - 1;
        }

        var otherY = (int)(fromY - ((toY - fromY) * scale));
        scale = 1.0;
        if (otherY < 0)
        {
            scale = fromY / (double)(fromY - otherY);
            otherY = 0;
        }
        else if (otherY >= image.Height)
        {
            scale = (image.Height - 1 - fromY) / (double)(otherY - fromY);
            otherY = image.Height - 1;
        }

        otherX = (int)(fromX + ((otherX - fromX) * scale));
        result += Run(image, fromX, fromY, otherX, otherY);
        return result - 1;
    }

    /// <summary>Bresenham walk from (fromX, fromY): the distance to the end of the first dark, light, dark runs.</summary>
    internal static double Run(BinaryImage image, int fromX, int fromY, int toX, int toY)
    {
        var steep = Math.Abs(toY - fromY) > Math.Abs(toX - fromX);
        if (steep)
        {
            (fromX, fromY) = (fromY, fromX);
            (toX, toY) = (toY, toX);
        }

        var dx = Math.Abs(toX - fromX);
        var dy = Math.Abs(toY - fromY);
        var error = -dx / 2;
        var xStep = fromX < toX ? 1 : -1;
        var yStep = fromY < toY ? 1 : -1;
        var state = 0;
        var xLimit = toX + xStep;
        for (int x = fromX, y = fromY; x != xLimit; x += xStep)
        {
            var realX = steep ? y : x;
            var realY = steep ? x : y;
            if ((uint)realX >= (uint)image.Width || (uint)realY >= (uint)image.Height)
            {
                break;
            }

            if ((state == 1) == image[realX, realY])
            {
                if (state == 2)
                {
                    return Math.Sqrt(((x - fromX) * (double)(x - fromX)) + ((y - fromY) * (double)(y - fromY)));
                }

                state++;
            }

            error += dy;
            if (error > 0)
            {
                if (y == toY)
                {
                    break;
                }

                y += yStep;
                error -= dx;
            }
        }

        if (state == 2)
        {
            return Math.Sqrt(((toX + xStep - fromX) * (double)(toX + xStep - fromX)) + ((toY - fromY) * (double)(toY - fromY)));
        }

        return double.NaN;
    }
}
