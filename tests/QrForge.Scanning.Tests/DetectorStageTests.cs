using QrForge.Encoding;

namespace QrForge.Scanning.Tests;

/// <summary>The detector's stages on their own: finder geometry, grid sampling and the work budget.</summary>
public class DetectorStageTests
{
    private const int Scale = 4;

    private static readonly QrCode Code = QrCode.EncodeText("detector stages", Ecc.M);

    // Module (u, v) of a render with a 4-module quiet zone lies at pixel ((u + 4) · 4, (v + 4) · 4).
    private static readonly PerspectiveTransform Exact = PerspectiveTransform.QuadrilateralToQuadrilateral(
        0, 0, 1, 0, 1, 1, 0, 1, 16, 16, 20, 16, 20, 20, 16, 20);

    [Fact]
    public void GridSampler_Sample_CleanRender_ReadsEveryModule()
    {
        var (pixels, width, height) = Raster.Render(Code, Scale);
        var image = Binarizer.Binarize(pixels, width, height);
        try
        {
            var grid = GridSampler.Sample(image, Exact, Code.Size);

            Assert.NotNull(grid);
            for (var y = 0; y < Code.Size; y++)
            {
                for (var x = 0; x < Code.Size; x++)
                {
                    Assert.Equal(Code[x, y], grid[(y * Code.Size) + x]);
                }
            }
        }
        finally
        {
            image.Return();
        }
    }

    [Fact]
    public void GridSampler_Sample_GridLeavingTheImage_ReturnsNull()
    {
        var (pixels, width, height) = Raster.Render(Code, Scale);
        var image = Binarizer.Binarize(pixels, width, height);
        try
        {
            var shifted = PerspectiveTransform.QuadrilateralToQuadrilateral(0, 0, 1, 0, 1, 1, 0, 1, 60, 60, 64, 60, 64, 64, 60, 64);

            Assert.Null(GridSampler.Sample(image, shifted, Code.Size));
        }
        finally
        {
            image.Return();
        }
    }

    [Fact]
    public void GridSampler_Transpose_Twice_IsTheIdentity()
    {
        bool[] grid = [true, false, false, false, true, true, false, false, true];

        Assert.Equal(grid, GridSampler.Transpose(GridSampler.Transpose(grid, 3), 3));
        Assert.Equal([true, false, false, false, true, false, false, true, true], GridSampler.Transpose(grid, 3));
    }

    [Fact]
    public void FinderGeometry_ModuleSizeOneWay_CleanRender_GivesThePixelsPerModule()
    {
        var (pixels, width, height) = Raster.Render(Code, Scale);
        var image = Binarizer.Binarize(pixels, width, height);
        try
        {
            var topLeft = new PatternCandidate(7.5 * Scale, 7.5 * Scale, Scale);
            var topRight = new PatternCandidate((Code.Size + 0.5) * Scale, 7.5 * Scale, Scale);

            Assert.InRange(FinderGeometry.ModuleSizeOneWay(image, topLeft, topRight), Scale - 0.5, Scale + 0.5);
        }
        finally
        {
            image.Return();
        }
    }

    [Fact]
    public void FinderGeometry_FinderOrientation_AxisAlignedFinder_GivesAngleZeroAndTheScale()
    {
        var (pixels, width, height) = Raster.Render(Code, Scale);
        var image = Binarizer.Binarize(pixels, width, height);
        try
        {
            var (angle, module) = FinderGeometry.FinderOrientation(image, new PatternCandidate(7.5 * Scale, 7.5 * Scale, Scale));

            Assert.True(angle < 0.05 || angle > (Math.PI / 2) - 0.05, $"angle {angle}");
            Assert.InRange(module, Scale - 0.5, Scale + 0.5);
        }
        finally
        {
            image.Return();
        }
    }

    [Fact]
    public void DetectionBudget_TrySpend_FalseOnceTheModulesAreSpent()
    {
        var budget = new DetectionBudget(1000);

        Assert.True(budget.TrySpend(21));   // 441
        Assert.True(budget.TrySpend(21));   // 882
        Assert.False(budget.TrySpend(21));  // 1323 > 1000
    }
}
