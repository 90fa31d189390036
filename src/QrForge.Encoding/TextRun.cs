namespace QrForge.Encoding;

/// <summary>One run of text in one mode, as planned by <see cref="Segmenter"/>.</summary>
/// <param name="Mode">Numeric, alphanumeric, byte or kanji.</param>
/// <param name="Start">Index of the first UTF-16 char.</param>
/// <param name="Length">UTF-16 chars in the run.</param>
/// <param name="CharCount">The count written in the count field: bytes for byte mode, characters otherwise.</param>
internal readonly record struct TextRun(QrMode Mode, int Start, int Length, int CharCount);
