namespace QrForge.Rendering;

/// <summary>Shape of a dark module.</summary>
public enum ModuleShape
{
    /// <summary>Squares that merge into solid areas.</summary>
    Square,

    /// <summary>Circles inscribed in each module (diameter one module).</summary>
    Circle,

    /// <summary>Squares with corners rounded to a quarter of a module.</summary>
    Rounded,
}
