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

    private PerspectiveTransform Times(PerspectiveTransform o) => new(
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
