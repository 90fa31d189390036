using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

/// <summary>The least-squares homography and the grid fitting stage (finder corners, alignment patterns) on their own.</summary>
public class GridFittingTests
{
    private static readonly PerspectiveTransform Known = PerspectiveTransform.QuadrilateralToQuadrilateral(
        0, 0, 25, 0, 25, 25, 0, 25,
        40, 30, 410, 60, 380, 420, 20, 350);

    [Fact]
    public void HomographyFit_ExactCorrespondences_RecoversTheTransform()
    {
        var points = new List<(double U, double V, double X, double Y)>();
        foreach (var (u, v) in new[] { (0.0, 0.0), (7, 0), (7, 7), (0, 7), (18, 0), (25, 0), (25, 7), (18, 7), (0, 18), (7, 18), (7, 25), (0, 25) })
        {
            var (x, y) = Known.Apply(u, v);
            points.Add((u, v, x, y));
        }

        var fitted = HomographyFit.Fit(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points));

        Assert.NotNull(fitted);
        foreach (var (u, v) in new[] { (25.0, 25.0), (12.5, 12.5), (3.5, 21.5) })
        {
            var expected = Known.Apply(u, v);
            var actual = fitted.Value.Apply(u, v);
            Assert.InRange(actual.X - expected.X, -1e-6, 1e-6);
            Assert.InRange(actual.Y - expected.Y, -1e-6, 1e-6);
        }
    }

    [Fact]
    public void HomographyFit_FewerThanFourPoints_ReturnsNull()
    {
        (double, double, double, double)[] points = [(0, 0, 1, 1), (1, 0, 2, 1), (0, 1, 1, 2)];

        Assert.Null(HomographyFit.Fit(points));
    }

    [Fact]
    public void HomographyFit_CollinearPoints_ReturnsNullOrFinite()
    {
        (double, double, double, double)[] points = [(0, 0, 0, 0), (1, 0, 1, 0), (2, 0, 2, 0), (3, 0, 3, 0)];

        // Degenerate input must not throw; a result, if any, is not used for sampling by the detector without a decode.
        var fitted = HomographyFit.Fit(points);
        Assert.True(fitted is null || !double.IsInfinity(fitted.Value.A11));
    }

    [Fact]
    public void FinderCorners_GuessOffByHalfAModule_FindsTheOuterCornersWithinAPixel()
    {
        const int Scale = 6;
        var code = QrCode.EncodeText("finder corners", Ecc.M);
        var (pixels, width, height) = Raster.Render(code, Scale);
        var image = Binarizer.Binarize(pixels, width, height);
        try
        {
            // Module (u, v) lies at pixel ((u + 4) · 6, (v + 4) · 6); the guess is shifted by half a module each way.
            var guess = PerspectiveTransform.QuadrilateralToQuadrilateral(
                0, 0, 1, 0, 1, 1, 0, 1,
                27, 27, 33, 27, 33, 33, 27, 33);
            var finder = new PatternCandidate(7.5 * Scale, 7.5 * Scale, Scale);
            Span<(double X, double Y)> corners = stackalloc (double, double)[4];

            Assert.True(GridFitting.FinderCorners(image, finder, 3.5, 3.5, guess, corners));
            (double X, double Y)[] expected = [(24, 24), (66, 24), (66, 66), (24, 66)];
            for (var c = 0; c < 4; c++)
            {
                Assert.InRange(corners[c].X, expected[c].X - 1, expected[c].X + 1);
                Assert.InRange(corners[c].Y, expected[c].Y - 1, expected[c].Y + 1);
            }
        }
        finally
        {
            image.Return();
        }
    }

    [Fact]
    public void FinderCorners_NoFinderThere_ReturnsFalse()
    {
        var pixels = new byte[200 * 200];
        pixels.AsSpan().Fill(255);
        var image = Binarizer.Binarize(pixels, 200, 200);
        try
        {
            var guess = PerspectiveTransform.QuadrilateralToQuadrilateral(0, 0, 1, 0, 1, 1, 0, 1, 30, 30, 36, 30, 36, 36, 30, 36);
            Span<(double X, double Y)> corners = stackalloc (double, double)[4];

            Assert.False(GridFitting.FinderCorners(image, new PatternCandidate(51, 51, 6), 3.5, 3.5, guess, corners));
        }
        finally
        {
            image.Return();
        }
    }

    [Fact]
    public void FitLine_PointsAlongASlope_GivesTheUnitNormal()
    {
        (double X, double Y)[] points = [(0, 1), (1, 3), (2, 5), (3, 7)];

        var line = GridFitting.FitLine(points);

        Assert.NotNull(line);
        var (a, b, c) = line.Value;
        Assert.InRange((a * a) + (b * b), 1 - 1e-9, 1 + 1e-9);
        foreach (var (x, y) in points)
        {
            Assert.InRange((a * x) + (b * y) - c, -1e-9, 1e-9);
        }
    }
}
