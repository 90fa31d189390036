using QrForge.Encoding;
using SkiaSharp;

namespace QrForge.Scanning.Tests;

/// <summary>One generated test image: its degradation, file bytes and extension, and the text it must read as.</summary>
internal sealed record DegradedImage(string Degradation, string Name, byte[] File, string Extension, string Expected);

/// <summary>
/// A fixed, seeded image set: symbols from our encoder, degraded with SkiaSharp (rotation, perspective, blur, JPEG
/// quality 30, 2 px/module, uneven lighting, inversion, a logo over an ECC-H code; issue 13's harder rows: 3 % salt
/// and pepper, strong perspective, a cylinder, grey-on-grey textured metal, a hidden finder, mirrored, 1–1.5 px per
/// module). Shared by the degradation table
/// test and the benchmark so both measure the same images.
/// </summary>
internal static class DegradedSet
{
    public const int PerDegradation = 16;

    public static readonly string[] Degradations =
        ["clean", "rotation", "perspective", "blur", "jpeg-q30", "2px-module", "uneven-light", "inverted", "logo-ecc-h", "combined",
         "salt-pepper-3%", "strong-perspective", "cylinder", "metal", "damaged-finder", "mirrored", "1-1.5px-module"];

    public static IReadOnlyList<DegradedImage> Build()
    {
        var images = new List<DegradedImage>();
        foreach (var degradation in Degradations)
        {
            for (var i = 0; i < PerDegradation; i++)
            {
                images.Add(Make(degradation, i));
            }
        }

        return images;
    }

    private static string Payload(int i) => i switch
    {
        0 => "https://qrforge.example/r/abc123",
        1 => "WIFI:T:WPA;S:QrForge Lab;P:correct horse battery staple;;",
        2 => "PART-000123-LOT-4567",
        3 => "https://qrforge.example/passes/8f14e45fceea167a5a36dedd4bea2543?event=spring-fair",
        4 => "0123456789012345678901234567890123456789",
        5 => "BEGIN:VCARD\nVERSION:3.0\nN:Forge;Qr\nORG:QrForge\nTEL:+44 20 7946 0000\nEND:VCARD",
        6 => "Hello, QrForge!",
        7 => "https://qrforge.example/items/ITEM-2026-000042/history?from=2026-01-01&to=2026-12-31",
        8 => "MECARD:N:Forge,Qr;EMAIL:scan@qrforge.example;;",
        9 => "SHELF 7 / BIN 12 / QTY 300",
        10 => "https://example.com/" + new string('x', 120),
        11 => "geo:51.5007,-0.1246?q=Big+Ben",
        12 => "TICKET 2026-0042 ROW F SEAT 12",
        13 => "https://qrforge.example/r/" + new string('z', 60),
        14 => "00012345678905",
        _ => "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.",
    };

    private static DegradedImage Make(string degradation, int i)
    {
        var random = new Random(1000 + i);
        var text = Payload(i);
        var ecc = degradation == "logo-ecc-h" ? Ecc.H : (Ecc)(i % 3);
        var code = QrCode.EncodeText(text, new QrEncodeOptions { Ecc = ecc });
        var name = $"{degradation}-{i:00}";
        switch (degradation)
        {
            case "clean":
                return Png(degradation, name, Render(code, 4), text);
            case "rotation":
                {
                    using var source = Render(code, 5);
                    var angle = 7 + (i * 83 % 173);
                    using var rotated = Transform(source, (canvas, w, h) =>
                    {
                        canvas.Translate(w / 2f, h / 2f);
                        canvas.RotateDegrees(angle);
                        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
                    }, (int)(source.Width * 1.5));
                    return Png(degradation, name, rotated, text);
                }

            case "perspective":
                {
                    using var source = Render(code, 6);
                    var s = source.Width;
                    var k = 0.10 + (0.02 * (i % 6));
                    var quad = (i % 4) switch
                    {
                        0 => new[] { (s * k, 0.0), (s * (1 - k), 0.0), (s, s), (0.0, s) },
                        1 => new[] { (0.0, 0.0), (s, s * k), (s, s * (1 - k)), (0.0, s) },
                        2 => new[] { (0.0, 0.0), (s, 0.0), (s * (1 - k), s), (s * k, s) },
                        _ => new[] { (0.0, s * k), (s, 0.0), (s, s), (0.0, s * (1 - k)) },
                    };
                    var t = PerspectiveTransform.QuadrilateralToQuadrilateral(
                        0, 0, s, 0, s, s, 0, s,
                        quad[0].Item1, quad[0].Item2, quad[1].Item1, quad[1].Item2, quad[2].Item1, quad[2].Item2, quad[3].Item1, quad[3].Item2);
                    var matrix = new SKMatrix((float)t.A11, (float)t.A21, (float)t.A31, (float)t.A12, (float)t.A22, (float)t.A32, (float)t.A13, (float)t.A23, (float)t.A33);
                    using var warped = Transform(source, (canvas, _, _) => canvas.Concat(in matrix), s);
                    return Png(degradation, name, warped, text);
                }

            case "blur":
                {
                    const int scale = 6;
                    using var source = Render(code, scale);
                    var sigma = scale * (0.30f + (0.03f * (i % 8)));
                    using var blurred = Filter(source, SKImageFilter.CreateBlur(sigma, sigma));
                    return Png(degradation, name, blurred, text);
                }

            case "jpeg-q30":
                {
                    using var source = Render(code, 3);
                    using var data = source.Encode(SKEncodedImageFormat.Jpeg, 30);
                    return new DegradedImage(degradation, name, data.ToArray(), "jpg", text);
                }

            case "2px-module":
                {
                    using var source = Render(code, 8);
                    using var small = new SKBitmap(source.Width / 4, source.Height / 4, SKColorType.Gray8, SKAlphaType.Opaque);
                    source.ScalePixels(small, new SKSamplingOptions(SKCubicResampler.Mitchell));
                    return Png(degradation, name, small, text);
                }

            case "uneven-light":
                {
                    using var source = Render(code, 5);
                    var dark = (byte)(15 + (8 * (i % 6)));
                    using var lit = Transform(source, (_, _, _) => { }, source.Width, (canvas, w, h) =>
                    {
                        using var paint = new SKPaint
                        {
                            BlendMode = SKBlendMode.Multiply,
                            Shader = SKShader.CreateLinearGradient(
                                new SKPoint(0, 0), new SKPoint(w * (0.6f + (0.1f * (i % 4))), h),
                                [SKColors.White, new SKColor(dark, dark, dark)], SKShaderTileMode.Clamp),
                        };
                        canvas.DrawRect(0, 0, w, h, paint);
                        using var spot = new SKPaint
                        {
                            BlendMode = SKBlendMode.Screen,
                            Shader = SKShader.CreateRadialGradient(new SKPoint(w * 0.7f, h * 0.3f), w / 3f,
                                [new SKColor(170, 170, 170), SKColors.Black], SKShaderTileMode.Clamp),
                        };
                        canvas.DrawRect(0, 0, w, h, spot);
                    });
                    return Png(degradation, name, lit, text);
                }

            case "inverted":
                {
                    using var source = Render(code, 4);
                    var pixels = source.GetPixelSpan();
                    for (var p = 0; p < pixels.Length; p++)
                    {
                        pixels[p] = (byte)(255 - pixels[p]);
                    }

                    return Png(degradation, name, source, text);
                }

            case "combined": // a phone photo's worth at once: rotation, perspective, blur, uneven light, JPEG q50
                {
                    using var source = Render(code, 4);
                    var s = source.Width;
                    var side = (int)(s * 1.5);
                    var k = 0.04 + (0.01 * (i % 5));
                    var t = PerspectiveTransform.QuadrilateralToQuadrilateral(
                        0, 0, s, 0, s, s, 0, s,
                        s * k, 0, s * (1 - k), s * k * 0.5, s, s, 0, s * (1 - k));
                    var perspective = new SKMatrix((float)t.A11, (float)t.A21, (float)t.A31, (float)t.A12, (float)t.A22, (float)t.A32, (float)t.A13, (float)t.A23, (float)t.A33);
                    var angle = 11 + (i * 67 % 157);
                    using var warped = Transform(source, (canvas, w, h) =>
                    {
                        canvas.Translate(w / 2f, h / 2f);
                        canvas.RotateDegrees(angle);
                        canvas.Translate(-s / 2f, -s / 2f);
                        canvas.Concat(in perspective);
                    }, side, (canvas, w, h) =>
                    {
                        using var paint = new SKPaint
                        {
                            BlendMode = SKBlendMode.Multiply,
                            Shader = SKShader.CreateLinearGradient(
                                new SKPoint(0, h), new SKPoint(w, 0), [new SKColor(90, 90, 90), SKColors.White], SKShaderTileMode.Clamp),
                        };
                        canvas.DrawRect(0, 0, w, h, paint);
                    });
                    using var blurred = Filter(warped, SKImageFilter.CreateBlur(4 * 0.25f, 4 * 0.25f));
                    using var data = blurred.Encode(SKEncodedImageFormat.Jpeg, 50);
                    return new DegradedImage(degradation, name, data.ToArray(), "jpg", text);
                }

            case "salt-pepper-3%": // 3 % of the pixels set to black or white at random
                {
                    var (pixels, width, height) = Raster.Render(code, 4);
                    for (var p = 0; p < pixels.Length; p++)
                    {
                        if (random.NextDouble() < 0.03)
                        {
                            pixels[p] = random.Next(2) == 0 ? (byte)0 : (byte)255;
                        }
                    }

                    return Png(degradation, name, Tests.Png.ToBitmap((pixels, width, height)), text);
                }

            case "strong-perspective": // leaning back: one edge 50–64 % as long as the opposite one
                {
                    using var source = Render(code, 6);
                    var s = source.Width;
                    var k = 0.18 + (0.02 * (i % 4));
                    var quad = (i % 4) switch
                    {
                        0 => new[] { (s * k, s * k * 0.5), (s * (1 - k), s * k * 0.5), (s, s), (0.0, s) },
                        1 => new[] { (0.0, 0.0), (s * (1 - (k * 0.5)), s * k), (s * (1 - (k * 0.5)), s * (1 - k)), (0.0, s) },
                        2 => new[] { (0.0, 0.0), (s, 0.0), (s * (1 - k), s * (1 - (k * 0.5))), (s * k, s * (1 - (k * 0.5))) },
                        _ => new[] { (s * k * 0.5, s * k), (s, 0.0), (s, s), (s * k * 0.5, s * (1 - k)) },
                    };
                    var t = PerspectiveTransform.QuadrilateralToQuadrilateral(
                        0, 0, s, 0, s, s, 0, s,
                        quad[0].Item1, quad[0].Item2, quad[1].Item1, quad[1].Item2, quad[2].Item1, quad[2].Item2, quad[3].Item1, quad[3].Item2);
                    var matrix = new SKMatrix((float)t.A11, (float)t.A21, (float)t.A31, (float)t.A12, (float)t.A22, (float)t.A32, (float)t.A13, (float)t.A23, (float)t.A33);
                    using var warped = Transform(source, (canvas, _, _) => canvas.Concat(in matrix), s);
                    return Png(degradation, name, warped, text);
                }

            case "cylinder": // wrapped around a cylinder 2–3.5 symbol widths round, seen side on
                {
                    var (flat, side, _) = Raster.Render(code, 6);
                    var symbolWidth = code.Size * 6.0;
                    var radius = symbolWidth * (2 + (0.5 * (i % 4))) / (2 * Math.PI);
                    var pixels = new byte[side * side];
                    var centre = side / 2.0;
                    for (var x = 0; x < side; x++)
                    {
                        // Image column x shows the label at arc length radius·asin((x − centre) / radius) from the middle.
                        var offset = (x + 0.5 - centre) / radius;
                        var source = Math.Abs(offset) < 1 ? centre + (radius * Math.Asin(offset)) : -1;
                        var column = (int)Math.Floor(source);
                        for (var y = 0; y < side; y++)
                        {
                            pixels[(y * side) + x] = column >= 0 && column < side ? flat[(y * side) + column] : (byte)255;
                        }
                    }

                    return Png(degradation, name, Tests.Png.ToBitmap((pixels, side, side)), text);
                }

            case "metal": // laser-marked steel: grey on grey (contrast 40–60 levels), brushed texture, sensor noise
                {
                    var (pixels, width, height) = Raster.Render(code, 5);
                    var contrast = 40 + (4 * (i % 6));
                    var streaks = new double[height];
                    for (var y = 0; y < height; y++)
                    {
                        streaks[y] = (random.NextDouble() - 0.5) * 14;
                    }

                    for (var y = 0; y < height; y++)
                    {
                        for (var x = 0; x < width; x++)
                        {
                            var baseLevel = pixels[(y * width) + x] == 0 ? 120 - (contrast / 2) : 120 + (contrast / 2);
                            var v = baseLevel + streaks[y] + ((random.NextDouble() - 0.5) * 16) + (20.0 * x / width);
                            pixels[(y * width) + x] = (byte)Math.Clamp(v, 0, 255);
                        }
                    }

                    using var bitmap = Tests.Png.ToBitmap((pixels, width, height));
                    using var blurred = Filter(bitmap, SKImageFilter.CreateBlur(1.2f, 1.2f));
                    return Png(degradation, name, blurred, text);
                }

            case "damaged-finder": // one finder pattern covered by a light smudge two thirds of its size
                {
                    var (pixels, width, height) = Raster.Render(code, 4);
                    var (fx, fy) = (i % 3) switch
                    {
                        0 => (0, 0),
                        1 => (code.Size - 7, 0),
                        _ => (0, code.Size - 7),
                    };
                    var (left, top) = ((fx + 4 + 1) * 4, (fy + 4 + 1) * 4);
                    for (var y = top; y < top + 20; y++)
                    {
                        pixels.AsSpan((y * width) + left, 20).Fill(200);
                    }

                    return Png(degradation, name, Tests.Png.ToBitmap((pixels, width, height)), text);
                }

            case "mirrored": // the module grid transposed, as seen through glass or in a mirror
                {
                    var (pixels, width, height) = Raster.Render(code, 4);
                    var mirrored = new byte[pixels.Length];
                    for (var y = 0; y < height; y++)
                    {
                        for (var x = 0; x < width; x++)
                        {
                            mirrored[(x * width) + y] = pixels[(y * width) + x];
                        }
                    }

                    return Png(degradation, name, Tests.Png.ToBitmap((mirrored, width, height)), text);
                }

            case "1-1.5px-module": // 1 px per module (even), 1.5 px (odd, Mitchell down-scale from 3 px)
                {
                    if (i % 2 == 0)
                    {
                        return Png(degradation, name, Render(code, 1), text);
                    }

                    using var source = Render(code, 3);
                    using var small = new SKBitmap(source.Width / 2, source.Height / 2, SKColorType.Gray8, SKAlphaType.Opaque);
                    source.ScalePixels(small, new SKSamplingOptions(SKCubicResampler.Mitchell));
                    return Png(degradation, name, small, text);
                }

            default: // logo over the centre of an ECC-H code, about 12 % (i even) to 16 % (i odd) of the area
                {
                    using var source = Render(code, 5);
                    var side = code.Size * 5 * (i % 2 == 0 ? 0.35f : 0.40f);
                    using var withLogo = Transform(source, (_, _, _) => { }, source.Width, (canvas, w, h) =>
                    {
                        var rect = SKRect.Create((w - side) / 2, (h - side) / 2, side, side);
                        using var white = new SKPaint { Color = SKColors.White };
                        using var logo = new SKPaint { Color = new SKColor((byte)random.Next(0, 120), (byte)random.Next(0, 120), (byte)random.Next(60, 200)) };
                        canvas.DrawRoundRect(rect, side / 8, side / 8, white);
                        rect.Inflate(-side / 10, -side / 10);
                        canvas.DrawOval(rect, logo);
                    });
                    return Png(degradation, name, withLogo, text);
                }
        }
    }

    private static SKBitmap Render(QrCode code, int scale)
    {
        var (pixels, width, height) = Raster.Render(code, scale);
        return Tests.Png.ToBitmap((pixels, width, height));
    }

    private static SKBitmap Transform(SKBitmap source, Action<SKCanvas, int, int> setup, int side, Action<SKCanvas, int, int>? after = null)
    {
        var result = new SKBitmap(side, side, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        canvas.Save();
        setup(canvas, side, side);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        canvas.Restore();
        after?.Invoke(canvas, side, side);
        return result;
    }

    private static SKBitmap Filter(SKBitmap source, SKImageFilter filter)
    {
        var result = new SKBitmap(source.Width, source.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { ImageFilter = filter };
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        filter.Dispose();
        return result;
    }

    private static DegradedImage Png(string degradation, string name, SKBitmap bitmap, string text)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return new DegradedImage(degradation, name, data.ToArray(), "png", text);
    }
}
