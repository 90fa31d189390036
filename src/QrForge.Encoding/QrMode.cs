namespace QrForge.Encoding;

/// <summary>The kind of a segment: a data mode (ISO/IEC 18004:2015 §7.3) or a header such as ECI or FNC1.</summary>
public enum QrMode
{
    /// <summary>Digits 0–9, three per 10 bits.</summary>
    Numeric,

    /// <summary>The 45 characters 0–9, A–Z, space and <c>$%*+-./:</c>, two per 11 bits.</summary>
    Alphanumeric,

    /// <summary>Any bytes, 8 bits each.</summary>
    Byte,

    /// <summary>Shift JIS double-byte characters (0x8140–0x9FFC, 0xE040–0xEBBF), 13 bits each.</summary>
    Kanji,

    /// <summary>Extended Channel Interpretation designator: names the character set of the data that follows.</summary>
    Eci,

    /// <summary>FNC1 in first position: the data follows the GS1 General Specifications.</summary>
    Fnc1First,

    /// <summary>FNC1 in second position: the data follows an industry specification named by an application indicator.</summary>
    Fnc1Second,

    /// <summary>Structured append header: this symbol's position in a sequence of up to 16 symbols, and the parity.</summary>
    StructuredAppend,
}
