namespace QrForge.Rendering;

/// <summary>Character sets for text output.</summary>
public enum TextStyle
{
    /// <summary>Unicode half blocks (<c>▀ ▄ █</c> and space): two module rows per line, one column per module.</summary>
    HalfBlocks,

    /// <summary>One line per module row, two characters per module: <c>##</c> dark, two spaces light.</summary>
    Ascii,

    /// <summary>
    /// ANSI escape sequences for terminals: two module rows per line, one column per module, each cell an upper half
    /// block <c>▀</c> whose foreground (SGR 30 black / 37 white) is the upper module and background (SGR 40 / 47) the lower;
    /// colours are set only when they change and reset (<c>ESC[0m</c>) at the end of every line.
    /// </summary>
    Ansi,
}
