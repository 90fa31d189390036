namespace QrForge.Scanning;

/// <summary>Outcome of a scan. Everything but <see cref="Found"/> comes with a message in <see cref="ScanResult.Error"/>.</summary>
public enum ScanStatus
{
    /// <summary>One or more symbols were decoded.</summary>
    Found,

    /// <summary>The image was read but holds no decodable symbol.</summary>
    NotFound,

    /// <summary>The bytes are not an image in a supported format (PNG, JPEG, WebP, GIF, BMP) or are corrupt.</summary>
    InvalidImage,

    /// <summary>The image's declared size exceeds <see cref="ScanOptions"/> limits; nothing was decoded.</summary>
    ImageTooLarge,

    /// <summary>The pixel buffer, its dimensions or the options are inconsistent.</summary>
    InvalidArgument,
}

/// <summary>Layout of a raw pixel buffer passed to <see cref="Scanner.ReadPixels"/>.</summary>
public enum ScanPixelFormat
{
    /// <summary>One byte per pixel, 0 black to 255 white.</summary>
    Grey8,

    /// <summary>Four bytes per pixel in the order red, green, blue, alpha (not premultiplied); transparency is over white.</summary>
    Rgba32,

    /// <summary>Four bytes per pixel in the order blue, green, red, alpha (not premultiplied); transparency is over white.</summary>
    Bgra32,
}
