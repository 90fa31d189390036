namespace QrForge.Scanning;

/// <summary>Limits and search choices for <see cref="Scanner"/>. Immutable; <see cref="Default"/> suits photos and renders.</summary>
public sealed record ScanOptions
{
    /// <summary>The defaults: 16,384 px per side, 40 megapixels, 64 MiB of encoded input, up to 32 symbols, inversion tried.</summary>
    public static ScanOptions Default { get; } = new();

    /// <summary>Largest accepted image width in pixels, checked from the image header before decoding. Default 16,384.</summary>
    public int MaxWidth { get; init; } = 16_384;

    /// <summary>Largest accepted image height in pixels, checked from the image header before decoding. Default 16,384.</summary>
    public int MaxHeight { get; init; } = 16_384;

    /// <summary>Largest accepted width × height, checked before decoding (bounds memory to about 6 bytes per pixel). Default 40,000,000.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Largest encoded image read from a stream, in bytes. Default 64 MiB.</summary>
    public long MaxEncodedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Stop after this many symbols in one image (1 or more). Default 32.</summary>
    public int MaxSymbols { get; init; } = 32;

    /// <summary>When nothing is found, look for light-on-dark symbols in the inverted image. Default on.</summary>
    public bool TryInverted { get; init; } = true;
}
