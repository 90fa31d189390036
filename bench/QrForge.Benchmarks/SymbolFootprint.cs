using System.Runtime.CompilerServices;
using QrForge.Encoding;

namespace QrForge.Benchmarks;

/// <summary>
/// The heap bytes a returned <see cref="QrCode"/> owns: the object, its bit-packed module words
/// (<c>Size × WordsPerRow</c> ulongs) and its segment-info array. Each part is measured by allocating its twin and
/// reading <see cref="GC.GetAllocatedBytesForCurrentThread"/>, so object headers, array lengths and padding
/// come from the runtime rather than from a formula.
/// </summary>
public static class SymbolFootprint
{
    /// <summary>Mean footprint in bytes of the symbols <paramref name="inputs"/> encode to at <paramref name="ecc"/>.</summary>
    public static double Mean(string[] inputs, Ecc ecc)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        long total = 0;
        foreach (var text in inputs)
        {
            total += Of(QrCode.EncodeText(text, ecc));
        }

        return (double)total / inputs.Length;
    }

    /// <summary>Footprint in bytes of one symbol.</summary>
    public static long Of(QrCode symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var words = symbol.Size * symbol.WordsPerRow;
        var segments = symbol.Segments.Count;
        return Measure(() => RuntimeHelpers.GetUninitializedObject(typeof(QrCode)))
             + Measure(() => new ulong[words])
             + Measure(() => new QrSegmentInfo[segments]);
    }

    // Allocates once to warm up (JIT, type loading), then measures a second allocation.
    private static long Measure(Func<object> allocate)
    {
        GC.KeepAlive(allocate());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var twin = allocate();
        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(twin);
        return after - before;
    }
}
