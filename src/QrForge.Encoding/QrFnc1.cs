namespace QrForge.Encoding;

/// <summary>FNC1 marking of a symbol's data (ISO/IEC 18004:2015 §7.4.8).</summary>
public enum QrFnc1
{
    /// <summary>No FNC1 indicator.</summary>
    None,

    /// <summary>
    /// FNC1 in first position: the data is formatted per the GS1 General Specifications. In the text, <c>%</c>
    /// or GS (0x1D) separates variable-length fields; readers return GS for it.
    /// </summary>
    First,

    /// <summary>FNC1 in second position: the data follows an industry specification named by <see cref="QrEncodeOptions.ApplicationIndicator"/>.</summary>
    Second,
}
