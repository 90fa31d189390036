namespace QrForge.Scanning;

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

            if (!used.Contains(candidate) && !InsideFound(results, candidate) && MicroQrDetector.Decode(image, candidate) is { } micro)
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
        var moduleSize = (FinderGeometry.ModuleSizeOneWay(image, topLeft, topRight) + FinderGeometry.ModuleSizeOneWay(image, topLeft, bottomLeft)) / 2;
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
                var grid = budget.TrySpend(dimension) ? GridSampler.Sample(image, plain, dimension) : null;
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
                    if (budget.TrySpend(dimension) && GridSampler.Sample(image, transform, dimension) is { } alignedGrid && DecodeEitherWay(image, alignedGrid, transform, dimension) is { } symbol)
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
                        if (budget.TrySpend(dimension) && GridSampler.Sample(image, moved, dimension) is { } movedGrid && DecodeEitherWay(image, movedGrid, moved, dimension) is { } found)
                        {
                            return found;
                        }
                    }
                }

                var mirroredGrid = GridSampler.Transpose(grid, dimension);

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
            if (budget.TrySpend(dimension) && GridSampler.Sample(image, transform, dimension) is { } grid && DecodeEitherWay(image, grid, transform, dimension) is { } symbol)
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
            if (budget.TrySpend(dimension) && GridSampler.Sample(image, transform, dimension) is { } grid && DecodeEitherWay(image, grid, transform, dimension) is { } symbol)
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
            return new DetectedSymbol(content, GridSampler.Corners(transform, dimension, mirrored: false), false, false);
        }

        if (SymbolDecoder.Decode(GridSampler.Transpose(grid, dimension), dimension, out _) is { } mirrored)
        {
            return new DetectedSymbol(mirrored, GridSampler.Corners(transform, dimension, mirrored: true), true, false);
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
            var greyGrid = GridSampler.SampleGrey(image, transform, dimension, sharpen, out var uncertain);
            if (SymbolDecoder.Decode(greyGrid, dimension, out _, uncertain) is { } fromGrey)
            {
                return new DetectedSymbol(fromGrey, GridSampler.Corners(transform, dimension, mirrored: false), false, false);
            }

            if (SymbolDecoder.Decode(GridSampler.Transpose(greyGrid, dimension), dimension, out _, GridSampler.Transpose(uncertain, dimension)) is { } fromGreyMirrored)
            {
                return new DetectedSymbol(fromGreyMirrored, GridSampler.Corners(transform, dimension, mirrored: true), true, false);
            }
        }

        return null;
    }

    // Weights of the unsharp mask applied to module samples: 0 is plain grey sampling, more undoes more blur.
    private static readonly double[] Sharpening = [0.0, 0.8];

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
}
