using System.Buffers;

namespace QrForge.Scanning;

/// <summary>
/// Reads QR Code symbols from images. Stateless and thread-safe. Bad input never throws: every failure is a
/// <see cref="ScanResult"/> with a <see cref="ScanStatus"/> and a message (only null arguments throw).
/// </summary>
public static class Scanner
{
    // Smallest image side that can hold a version 1 symbol at one pixel per module.
    private const int MinSide = 21;

    // Modules sampled per image over all passes, about 40 ms of work: a clean version 40 symbol takes 31,329, the
    // corner search of a hard version 1 symbol up to 48 × 441; noise would otherwise take seconds.
    private const long DecodeBudget = 2_000_000;

    /// <summary>Reads an encoded image (PNG, JPEG, WebP, GIF first frame, BMP) with <see cref="ScanOptions.Default"/>.</summary>
    /// <param name="encodedImage">The file's bytes.</param>
    /// <returns>The symbols found, or the reason none were.</returns>
    public static ScanResult Read(ReadOnlySpan<byte> encodedImage) => Read(encodedImage, null);

    /// <summary>Reads an encoded image (PNG, JPEG, WebP, GIF first frame, BMP).</summary>
    /// <param name="encodedImage">The file's bytes.</param>
    /// <param name="options">Limits and choices; null for <see cref="ScanOptions.Default"/>.</param>
    /// <returns>The symbols found, or the reason none were.</returns>
    public static ScanResult Read(ReadOnlySpan<byte> encodedImage, ScanOptions? options)
    {
        options ??= ScanOptions.Default;
        var status = ImageLoader.TryLoad(encodedImage, options, out var grey, out var width, out var height, out var error);
        if (status != ScanStatus.Found)
        {
            return ScanResult.Failure(status, error!);
        }

        try
        {
            return ReadGrey(grey, width, height, options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(grey);
        }
    }

    /// <summary>Reads an encoded image from a stream with <see cref="ScanOptions.Default"/>.</summary>
    /// <inheritdoc cref="Read(Stream, ScanOptions?)"/>
    public static ScanResult Read(Stream stream) => Read(stream, null);

    /// <summary>Reads an encoded image from a stream (read to its end, at most <see cref="ScanOptions.MaxEncodedBytes"/>).</summary>
    /// <param name="stream">A readable stream positioned at the image; not disposed.</param>
    /// <param name="options">Limits and choices; null for <see cref="ScanOptions.Default"/>.</param>
    /// <returns>The symbols found, or the reason none were.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static ScanResult Read(Stream stream, ScanOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ScanOptions.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > options.MaxEncodedBytes)
            {
                return ScanResult.Failure(ScanStatus.ImageTooLarge, $"The encoded image is over {options.MaxEncodedBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }

    /// <summary>Reads raw pixels.</summary>
    /// <param name="pixels">Rows top to bottom, <paramref name="stride"/> bytes apart.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="format">Pixel layout.</param>
    /// <param name="stride">Bytes from one row to the next; 0 for tightly packed rows.</param>
    /// <param name="options">Limits and choices; null for <see cref="ScanOptions.Default"/>.</param>
    /// <returns>The symbols found, or the reason none were (<see cref="ScanStatus.InvalidArgument"/> for a buffer too small).</returns>
    public static ScanResult ReadPixels(ReadOnlySpan<byte> pixels, int width, int height, ScanPixelFormat format, int stride = 0, ScanOptions? options = null)
    {
        options ??= ScanOptions.Default;
        var status = ImageLoader.CheckSize(width, height, options, out var error);
        if (status != ScanStatus.Found)
        {
            return ScanResult.Failure(status == ScanStatus.InvalidImage ? ScanStatus.InvalidArgument : status, error!);
        }

        var bytesPerPixel = format == ScanPixelFormat.Grey8 ? 1 : 4;
        var packed = (long)width * bytesPerPixel;
        if (!Enum.IsDefined(format) || stride < 0 || (stride != 0 && stride < packed))
        {
            return ScanResult.Failure(ScanStatus.InvalidArgument, "The pixel format or stride is invalid.");
        }

        var rowBytes = stride == 0 ? packed : stride;
        if (pixels.Length < (rowBytes * (height - 1)) + packed)
        {
            return ScanResult.Failure(ScanStatus.InvalidArgument, $"The buffer holds {pixels.Length} bytes, too few for {width}×{height} {format}.");
        }

        var grey = ArrayPool<byte>.Shared.Rent(width * height);
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice((int)(y * rowBytes), (int)packed);
            var destination = grey.AsSpan(y * width, width);
            if (format == ScanPixelFormat.Grey8)
            {
                row.CopyTo(destination);
            }
            else
            {
                PixelConverter.RgbaToGrey(row, destination, redFirst: format == ScanPixelFormat.Rgba32);
            }
        }

        try
        {
            return ReadGrey(grey, width, height, options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(grey);
        }
    }

    /// <summary>Reads several encoded images as one collection, so structured append sequences spread over them join.</summary>
    /// <param name="encodedImages">The images' bytes.</param>
    /// <param name="options">Limits and choices; null for <see cref="ScanOptions.Default"/>.</param>
    /// <returns>All symbols found (see <see cref="ScanResult.Messages"/> for the joined messages); the first error when none were.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encodedImages"/> is null.</exception>
    public static ScanResult ReadAll(IEnumerable<ReadOnlyMemory<byte>> encodedImages, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encodedImages);
        var symbols = new List<QrSymbol>();
        ScanResult? firstFailure = null;
        foreach (var image in encodedImages)
        {
            var result = Read(image.Span, options);
            if (result.IsSuccess)
            {
                symbols.AddRange(result.Symbols);
            }
            else
            {
                firstFailure ??= result;
            }
        }

        return symbols.Count > 0
            ? new ScanResult(ScanStatus.Found, symbols, null)
            : firstFailure ?? ScanResult.Failure(ScanStatus.NotFound, "No images were given.");
    }

    /// <summary>
    /// Groups symbols into messages: standalone symbols one each, structured append symbols by (count, parity) in
    /// position order, duplicates of a position dropped. Sequences with missing positions are returned incomplete.
    /// </summary>
    /// <param name="symbols">Symbols from one or more scans.</param>
    /// <returns>The messages, in the order their first symbol appears.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="symbols"/> is null.</exception>
    public static IReadOnlyList<QrMessage> Join(IEnumerable<QrSymbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var messages = new List<QrMessage>();
        var sequences = new Dictionary<(int Count, int Parity), SortedDictionary<int, QrSymbol>>();
        var order = new List<(int Count, int Parity)?>();
        var singles = new List<QrSymbol>();
        foreach (var symbol in symbols)
        {
            if (symbol.StructuredAppend is not { } sa)
            {
                order.Add(null);
                singles.Add(symbol);
                continue;
            }

            var key = (sa.Count, sa.Parity);
            if (!sequences.TryGetValue(key, out var parts))
            {
                parts = [];
                sequences[key] = parts;
                order.Add(key);
            }

            parts.TryAdd(sa.Position, symbol);
        }

        var single = 0;
        foreach (var key in order)
        {
            if (key is not { } k)
            {
                var s = singles[single++];
                messages.Add(new QrMessage(s.Text, s.Data, [s], true, true));
                continue;
            }

            var parts = sequences[k].Values.ToList();
            var data = parts.SelectMany(p => p.Data.ToArray()).ToArray();
            var parity = 0;
            foreach (var b in data)
            {
                parity ^= b;
            }

            var text = SegmentParser.Text(parts.SelectMany(p => p.Runs));
            messages.Add(new QrMessage(text, data, parts, parts.Count == k.Count, parity == k.Parity));
        }

        return messages;
    }

    private static ScanResult ReadGrey(byte[] grey, int width, int height, ScanOptions options)
    {
        if (width < MinSide || height < MinSide)
        {
            return ScanResult.Failure(ScanStatus.NotFound, $"The image is {width}×{height} pixels, too small to hold a QR Code.");
        }

        var maxSymbols = Math.Max(1, options.MaxSymbols);
        var budget = new DetectionBudget(DecodeBudget);
        var binary = Binarizer.Binarize(grey, width, height);
        BinaryImage? invertedImage = null;
        List<DetectedSymbol> found;
        bool inverted;
        try
        {
            // A mostly dark image border suggests a light-on-dark symbol (its quiet zone is dark): try that way first.
            inverted = options.TryInverted && DarkBorder(binary);
            found = Detector.Detect(inverted ? (invertedImage ??= binary.Inverted()) : binary, maxSymbols, budget);
            if (found.Count == 0 && options.TryInverted)
            {
                inverted = !inverted;
                found = Detector.Detect(inverted ? (invertedImage ??= binary.Inverted()) : binary, maxSymbols, budget);
            }

            inverted &= found.Count > 0;
        }
        finally
        {
            binary.Return();
            invertedImage?.Return();
        }

        if (found.Count == 0)
        {
            // Last resort for faint symbols (deep shadow, glare): thresholds even where contrast is a few grey levels.
            found = DetectAndReturn(Binarizer.Binarize(grey, width, height, Binarizer.LowContrastMinDynamicRange), maxSymbols, budget);
        }

        if (found.Count == 0)
        {
            found = DetectAndReturn(Binarizer.BinarizeMidRange(grey, width, height, Binarizer.LowContrastMinDynamicRange), maxSymbols, budget);
        }

        // Salt-and-pepper noise breaks the finder runs: a 3×3 median removes it, then the usual binarisation. Only where
        // impulses are common (0.5 % of the sampled pixels; clean photos have a few per ten thousand) but not everywhere
        // (over 8 % is noise without a symbol: uniform random pixels give about 28 %).
        if (found.Count == 0 && Binarizer.ImpulseFraction(grey, width, height) is > 0.005 and < 0.08)
        {
            var median = Binarizer.Median3x3(grey, width, height);
            try
            {
                found = DetectAndReturn(Binarizer.Binarize(median, width, height), maxSymbols, budget);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(median);
            }
        }

        if (found.Count == 0)
        {
            return ScanResult.Failure(ScanStatus.NotFound, "No QR Code was found in the image.");
        }

        var symbols = new List<QrSymbol>(found.Count);
        foreach (var detected in found)
        {
            symbols.Add(ToSymbol(detected, inverted));
        }

        return new ScanResult(ScanStatus.Found, symbols, null);
    }

    private static List<DetectedSymbol> DetectAndReturn(BinaryImage image, int maxSymbols, DetectionBudget budget)
    {
        try
        {
            return Detector.Detect(image, maxSymbols, budget);
        }
        finally
        {
            image.Return();
        }
    }

    /// <summary>Whether over 60 % of the pixels along the image's edges are dark.</summary>
    private static bool DarkBorder(BinaryImage image)
    {
        var bits = image.Bits;
        int dark = 0, total = 0;
        for (var x = 0; x < image.Width; x++)
        {
            dark += bits[x] + bits[((image.Height - 1) * image.Width) + x];
            total += 2;
        }

        for (var y = 1; y < image.Height - 1; y++)
        {
            dark += bits[y * image.Width] + bits[(y * image.Width) + image.Width - 1];
            total += 2;
        }

        return dark * 5 > total * 3;
    }

    private static QrSymbol ToSymbol(DetectedSymbol detected, bool inverted)
    {
        var content = detected.Content;
        var parsed = content.Data;
        var data = parsed.Runs.SelectMany(r => r.Bytes).ToArray();
        return new QrSymbol(parsed.Runs)
        {
            Text = SegmentParser.Text(parsed.Runs),
            Data = data,
            DataCodewords = content.DataCodewords,
            Version = content.Version,
            IsMicro = detected.Micro,
            Ecc = content.Ecc,
            Mask = content.Mask,
            Eci = parsed.Eci,
            Fnc1 = parsed.Fnc1,
            ApplicationIndicator = parsed.ApplicationIndicator,
            Corners = detected.Corners,
            CorrectedCodewords = content.CorrectedCodewords,
            IsMirrored = detected.Mirrored,
            IsInverted = inverted,
            StructuredAppend = parsed.StructuredAppendIndex >= 0
                ? new StructuredAppendInfo(parsed.StructuredAppendIndex + 1, parsed.StructuredAppendCount, parsed.StructuredAppendParity)
                : null,
        };
    }
}
