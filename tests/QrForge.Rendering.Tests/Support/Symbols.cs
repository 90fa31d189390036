using QrForge.Encoding;

namespace QrForge.Rendering.Tests.Support;

/// <summary>Symbols the tests draw, and the module matrix a rendering should reproduce.</summary>
internal static class Symbols
{
    /// <summary>Version 3 at level M (29 × 29): with the default border, a 370 × 370 image at scale 10.</summary>
    public static QrCode Version3 { get; } = QrCode.EncodeText("https://example.com/q/12345678", Ecc.M);

    public static QrCode Version1 { get; } = QrCode.EncodeText("HELLO", Ecc.L);

    public static QrCode Micro { get; } = QrCode.EncodeText("12345", new QrEncodeOptions { Micro = true, Ecc = Ecc.L });

    /// <summary>Whether layout module (x, y), quiet zone included, is dark.</summary>
    public static bool Dark(QrCode symbol, int border, int x, int y) => symbol[x - border, y - border];

    /// <summary>The dark modules as (x, y) in layout coordinates (quiet zone included).</summary>
    public static HashSet<(int X, int Y)> DarkSet(QrCode symbol, int border)
    {
        var set = new HashSet<(int, int)>();
        for (var y = 0; y < symbol.Size; y++)
        {
            for (var x = 0; x < symbol.Size; x++)
            {
                if (symbol[x, y])
                {
                    set.Add((x + border, y + border));
                }
            }
        }

        return set;
    }

    /// <summary>Whether symbol module (x, y) lies in a finder pattern.</summary>
    public static bool InFinder(QrCode symbol, int x, int y) =>
        (x < 7 && y < 7) || (!symbol.IsMicro && ((x >= symbol.Size - 7 && y < 7) || (x < 7 && y >= symbol.Size - 7)));
}
