namespace QrForge.Scanning;

/// <summary>
/// A plane projective transform (3×3 homography, column-vector convention as in ZXing): maps symbol coordinates in
/// modules to image pixels. Built from four point correspondences via the unit square.
/// </summary>
internal readonly record struct PerspectiveTransform(
    double A11, double A21, double A31,
    double A12, double A22, double A32,
    double A13, double A23, double A33)
{
    public static PerspectiveTransform QuadrilateralToQuadrilateral(
        double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3,
        double x0p, double y0p, double x1p, double y1p, double x2p, double y2p, double x3p, double y3p)
    {
        var toSquare = SquareToQuadrilateral(x0, y0, x1, y1, x2, y2, x3, y3).Adjoint();
        return SquareToQuadrilateral(x0p, y0p, x1p, y1p, x2p, y2p, x3p, y3p).Times(toSquare);
    }

    /// <summary>Maps the unit square corners (0,0), (1,0), (1,1), (0,1) to the four points given.</summary>
    public static PerspectiveTransform SquareToQuadrilateral(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3)
    {
        var dx3 = x0 - x1 + x2 - x3;
        var dy3 = y0 - y1 + y2 - y3;
        if (dx3 == 0 && dy3 == 0)
        {
            return new(x1 - x0, x2 - x1, x0, y1 - y0, y2 - y1, y0, 0, 0, 1);
        }

        var dx1 = x1 - x2;
        var dx2 = x3 - x2;
        var dy1 = y1 - y2;
        var dy2 = y3 - y2;
        var denominator = (dx1 * dy2) - (dx2 * dy1);
        var a13 = ((dx3 * dy2) - (dx2 * dy3)) / denominator;
        var a23 = ((dx1 * dy3) - (dx3 * dy1)) / denominator;
        return new(x1 - x0 + (a13 * x1), x3 - x0 + (a23 * x3), x0, y1 - y0 + (a13 * y1), y3 - y0 + (a23 * y3), y0, a13, a23, 1);
    }

    public (double X, double Y) Apply(double x, double y)
    {
        var denominator = (A13 * x) + (A23 * y) + A33;
        return (((A11 * x) + (A21 * y) + A31) / denominator, ((A12 * x) + (A22 * y) + A32) / denominator);
    }

    private PerspectiveTransform Adjoint() => new(
        (A22 * A33) - (A23 * A32), (A23 * A31) - (A21 * A33), (A21 * A32) - (A22 * A31),
        (A13 * A32) - (A12 * A33), (A11 * A33) - (A13 * A31), (A12 * A31) - (A11 * A32),
        (A12 * A23) - (A13 * A22), (A13 * A21) - (A11 * A23), (A11 * A22) - (A12 * A21));

    /// <summary>This transform applied after <paramref name="o"/>.</summary>
    public PerspectiveTransform Times(PerspectiveTransform o) => new(
        (A11 * o.A11) + (A21 * o.A12) + (A31 * o.A13),
        (A11 * o.A21) + (A21 * o.A22) + (A31 * o.A23),
        (A11 * o.A31) + (A21 * o.A32) + (A31 * o.A33),
        (A12 * o.A11) + (A22 * o.A12) + (A32 * o.A13),
        (A12 * o.A21) + (A22 * o.A22) + (A32 * o.A23),
        (A12 * o.A31) + (A22 * o.A32) + (A32 * o.A33),
        (A13 * o.A11) + (A23 * o.A12) + (A33 * o.A13),
        (A13 * o.A21) + (A23 * o.A22) + (A33 * o.A23),
        (A13 * o.A31) + (A23 * o.A32) + (A33 * o.A33));
}

/// <summary>
/// A homography fitted by least squares to any number (four or more) of module → pixel correspondences: the direct
/// linear transform with A33 = 1, both point sets first moved to their centroid and scaled to a mean distance of √2
/// (Hartley's normalisation), so the 8×8 normal equations stay well conditioned for pixels in the thousands.
/// </summary>
internal static class HomographyFit
{
    public static PerspectiveTransform? Fit(ReadOnlySpan<(double U, double V, double X, double Y)> points)
    {
        if (points.Length < 4)
        {
            return null;
        }

        var (mu, mv, su) = Normalisation(points, source: true);
        var (mx, my, sx) = Normalisation(points, source: false);
        Span<double> normal = stackalloc double[8 * 9];
        normal.Clear();
        Span<double> row = stackalloc double[9];
        foreach (var p in points)
        {
            var u = (p.U - mu) * su;
            var v = (p.V - mv) * su;
            var x = (p.X - mx) * sx;
            var y = (p.Y - my) * sx;
            for (var k = 0; k < 2; k++)
            {
                // Row of [A | b]: x = h0 u + h1 v + h2 − h6 u x − h7 v x, and the same for y with h3, h4, h5.
                row.Clear();
                var target = k == 0 ? x : y;
                row[(3 * k) + 0] = u;
                row[(3 * k) + 1] = v;
                row[(3 * k) + 2] = 1;
                row[6] = -u * target;
                row[7] = -v * target;
                row[8] = target;
                for (var i = 0; i < 8; i++)
                {
                    for (var j = 0; j < 9; j++)
                    {
                        normal[(i * 9) + j] += row[i] * row[j];
                    }
                }
            }
        }

        Span<double> h = stackalloc double[8];
        if (!Solve(normal, h))
        {
            return null;
        }

        var fitted = new PerspectiveTransform(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1);
        var fromModules = new PerspectiveTransform(su, 0, -su * mu, 0, su, -su * mv, 0, 0, 1);
        var toPixels = new PerspectiveTransform(1 / sx, 0, mx, 0, 1 / sx, my, 0, 0, 1);
        return toPixels.Times(fitted.Times(fromModules));
    }

    private static (double MeanX, double MeanY, double Scale) Normalisation(ReadOnlySpan<(double U, double V, double X, double Y)> points, bool source)
    {
        double mx = 0, my = 0;
        foreach (var p in points)
        {
            mx += source ? p.U : p.X;
            my += source ? p.V : p.Y;
        }

        mx /= points.Length;
        my /= points.Length;
        var distance = 0.0;
        foreach (var p in points)
        {
            var (dx, dy) = source ? (p.U - mx, p.V - my) : (p.X - mx, p.Y - my);
            distance += Math.Sqrt((dx * dx) + (dy * dy));
        }

        distance /= points.Length;
        return (mx, my, distance > 1e-9 ? Math.Sqrt(2) / distance : 1);
    }

    /// <summary>Gaussian elimination with partial pivoting on the 8×9 augmented matrix; false when singular.</summary>
    private static bool Solve(Span<double> m, Span<double> result)
    {
        const int N = 8;
        for (var c = 0; c < N; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < N; r++)
            {
                if (Math.Abs(m[(r * 9) + c]) > Math.Abs(m[(pivot * 9) + c]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(m[(pivot * 9) + c]) < 1e-12)
            {
                return false;
            }

            if (pivot != c)
            {
                for (var j = 0; j < 9; j++)
                {
                    (m[(c * 9) + j], m[(pivot * 9) + j]) = (m[(pivot * 9) + j], m[(c * 9) + j]);
                }
            }

            for (var r = c + 1; r < N; r++)
            {
                var factor = m[(r * 9) + c] / m[(c * 9) + c];
                for (var j = c; j < 9; j++)
                {
                    m[(r * 9) + j] -= factor * m[(c * 9) + j];
                }
            }
        }

        for (var r = N - 1; r >= 0; r--)
        {
            var sum = m[(r * 9) + 8];
            for (var j = r + 1; j < N; j++)
            {
                sum -= m[(r * 9) + j] * result[j];
            }

            result[r] = sum / m[(r * 9) + r];
        }

        return true;
    }
}
