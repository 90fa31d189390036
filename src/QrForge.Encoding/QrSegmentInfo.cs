namespace QrForge.Encoding;

/// <summary>What one segment of an encoded symbol holds: its mode, its character count and its length in bits.</summary>
/// <param name="Mode">The segment's mode or header kind.</param>
/// <param name="CharCount">Characters (bytes in byte mode, kanji characters in kanji mode); 0 for headers.</param>
/// <param name="BitLength">Bits the segment takes in the symbol, headers and count field included.</param>
public readonly record struct QrSegmentInfo(QrMode Mode, int CharCount, int BitLength);
