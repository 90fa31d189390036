using System.Diagnostics;
using QrForge.Encoding;

namespace QrForge.Scanning;

/// <summary>What <see cref="SymbolDecoder"/> recovers from a grid of modules, before text assembly.</summary>
internal sealed record SymbolContent(int Version, Ecc Ecc, int Mask, byte[] DataCodewords, int CorrectedCodewords, ParsedData Data);

/// <summary>
/// Grid of modules → content: format information (§7.9), version information (§7.10), unmasking (§7.8), codeword
/// placement read back (§7.7.3), block de-interleaving (§7.6), Reed–Solomon correction and segment parsing.
/// </summary>
internal static class SymbolDecoder
{
    /// <summary>
    /// Decodes a QR Code grid (row-major, <c>true</c> dark) of side <paramref name="size"/>; null on failure.
    /// <paramref name="uncertain"/> (same layout, optional) marks modules read with little contrast: codewords holding
    /// them are passed to Reed–Solomon as erasures when errors alone cannot be corrected.
    /// </summary>
    public static SymbolContent? Decode(ReadOnlySpan<bool> grid, int size, out DecodeFailure failure, bool[]? uncertain = null)
    {
        Debug.Assert(grid.Length == size * size);
        failure = DecodeFailure.Format;
        if (size < 21 || size > 177 || (size - 17) % 4 != 0)
        {
            return null;
        }

        var format = ReadFormat(grid, size);
        if (format < 0)
        {
            return null;
        }

        failure = DecodeFailure.Version;
        var version = (size - 17) / 4;
        if (version >= 7)
        {
            var read = ReadVersion(grid, size);
            if (read != version)
            {
                return null;
            }
        }

        var ecc = SymbolTables.EccFromFormatBits(format >> 3);
        var mask = format & 7;
        var total = SymbolTables.TotalCodewords(version);
        var raw = new byte[total];
        var doubtful = uncertain is null ? null : new bool[total];
        ReadCodewords(grid, size, version, mask, raw, uncertain, doubtful);

        failure = DecodeFailure.ErrorCorrection;
        var data = Deinterleave(raw, doubtful, version, ecc, out var corrected);
        if (data is null)
        {
            return null;
        }

        failure = DecodeFailure.Segments;
        var parsed = SegmentParser.Parse(data, version, micro: false, data.Length * 8);
        if (parsed is null)
        {
            return null;
        }

        failure = DecodeFailure.None;
        return new SymbolContent(version, ecc, mask, data, corrected, parsed);
    }

    /// <summary>The Micro QR format word read from row 8 and column 8 next to the finder (15 modules), before BCH decoding.</summary>
    public static int ReadMicroFormatWord(Func<int, int, bool> dark)
    {
        var word = 0;
        for (var i = 0; i < 8; i++)
        {
            // Bits 0-7 down column 8 from row 1; bits 8-14 along row 8 from column 7 back to column 1.
            word |= (dark(8, i + 1) ? 1 : 0) << i;
        }

        for (var b = 8; b < 15; b++)
        {
            word |= (dark(15 - b, 8) ? 1 : 0) << b;
        }

        return word;
    }

    /// <summary>Decodes a Micro QR grid whose format word gave <paramref name="symbolNumber"/> and <paramref name="mask"/>.</summary>
    public static SymbolContent? DecodeMicro(ReadOnlySpan<bool> grid, int symbolNumber, int mask)
    {
        var (version, ecc, dataCount, eccCount) = SymbolTables.MicroSymbol(symbolNumber);
        var size = (version * 2) + 9;
        Debug.Assert(grid.Length == size * size);
        var function = SymbolTables.MicroFunctionMask(version);
        var qrMask = SymbolTables.MicroMaskToQr(mask);

        // M1 and M3 end their data with a 4-bit codeword, kept in the high half of its byte for Reed–Solomon.
        var halfLast = version is 1 or 3;
        var dataBits = (dataCount * 8) - (halfLast ? 4 : 0);
        var block = new byte[dataCount + eccCount];
        var bit = 0;
        var upward = true;
        for (var right = size - 1; right >= 1; right -= 2, upward = !upward)
        {
            for (var vertical = 0; vertical < size; vertical++)
            {
                var y = upward ? size - 1 - vertical : vertical;
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    var index = (y * size) + x;
                    if (function[index] || bit >= dataBits + (eccCount * 8))
                    {
                        continue;
                    }

                    var value = grid[index] ^ SymbolTables.MaskBit(qrMask, x, y);
                    var position = bit < dataBits ? bit : bit + (halfLast ? 4 : 0);
                    if (value)
                    {
                        block[position >> 3] |= (byte)(0x80 >> (position & 7));
                    }

                    bit++;
                }
            }
        }

        var corrected = ReedSolomonDecoder.Decode(block, eccCount);

        // M1 only detects errors (§6.5.2): two ECC codewords must not be spent on correction.
        if (corrected < 0 || (version == 1 && corrected > 0))
        {
            return null;
        }

        var data = block.AsSpan(0, dataCount).ToArray();
        var parsed = SegmentParser.Parse(data, version, micro: true, dataBits);
        return parsed is null ? null : new SymbolContent(version, ecc, mask, data, corrected, parsed);
    }

    /// <summary>The 5 format data bits from the better of the two copies, or -1 when neither is within distance 3.</summary>
    private static int ReadFormat(ReadOnlySpan<bool> grid, int size)
    {
        int first = 0, second = 0;
        for (var i = 0; i < 15; i++)
        {
            // Copy 1 around the top-left finder: bits 0-5 down column 8, then (8,7), (8,8), (7,8), bits 9-14 along row 8.
            var (x1, y1) = i switch
            {
                < 6 => (8, i),
                6 => (8, 7),
                7 => (8, 8),
                8 => (7, 8),
                _ => (14 - i, 8),
            };

            // Copy 2: bits 0-7 along row 8 from the right edge, bits 8-14 down column 8 near the bottom-left finder.
            var (x2, y2) = i < 8 ? (size - 1 - i, 8) : (8, size - 15 + i);
            first |= (grid[(y1 * size) + x1] ? 1 : 0) << i;
            second |= (grid[(y2 * size) + x2] ? 1 : 0) << i;
        }

        var a = SymbolTables.DecodeFormat(first, micro: false, out var distanceA);
        var b = SymbolTables.DecodeFormat(second, micro: false, out var distanceB);
        return distanceA <= distanceB ? (a >= 0 ? a : b) : (b >= 0 ? b : a);
    }

    /// <summary>The version 7–40 from the better of the two version information blocks, or -1.</summary>
    internal static int ReadVersion(ReadOnlySpan<bool> grid, int size)
    {
        int topRight = 0, bottomLeft = 0;
        for (var i = 0; i < 18; i++)
        {
            var a = size - 11 + (i % 3);
            var b = i / 3;
            topRight |= (grid[(b * size) + a] ? 1 : 0) << i;
            bottomLeft |= (grid[(a * size) + b] ? 1 : 0) << i;
        }

        var version = SymbolTables.DecodeVersion(topRight);
        return version >= 0 ? version : SymbolTables.DecodeVersion(bottomLeft);
    }

    /// <summary>Reads the codewords in placement order (§7.7.3): column pairs right to left, zig-zag, column 6 skipped.</summary>
    private static void ReadCodewords(ReadOnlySpan<bool> grid, int size, int version, int mask, Span<byte> codewords, bool[]? uncertain, bool[]? doubtful)
    {
        var function = SymbolTables.FunctionMask(version);
        var bit = 0;
        var limit = codewords.Length * 8;
        for (var right = size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
            {
                right = 5;
            }

            var upward = ((right + 1) & 2) == 0;
            for (var vertical = 0; vertical < size; vertical++)
            {
                var y = upward ? size - 1 - vertical : vertical;
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    var index = (y * size) + x;
                    if (function[index] || bit >= limit)
                    {
                        continue;
                    }

                    if (grid[index] ^ SymbolTables.MaskBit(mask, x, y))
                    {
                        codewords[bit >> 3] |= (byte)(0x80 >> (bit & 7));
                    }

                    if (uncertain is not null && uncertain[index])
                    {
                        doubtful![bit >> 3] = true;
                    }

                    bit++;
                }
            }
        }
    }

    /// <summary>Splits the interleaved codewords into blocks, corrects each, and returns the data codewords in order.</summary>
    private static byte[]? Deinterleave(byte[] raw, bool[]? doubtful, int version, Ecc ecc, out int corrected)
    {
        corrected = 0;
        var blocks = SymbolTables.Blocks(version, ecc);
        var eccLength = SymbolTables.EccCodewordsPerBlock(version, ecc);
        var total = raw.Length;
        var shortBlocks = blocks - (total % blocks);
        var shortLength = total / blocks;
        var shortData = shortLength - eccLength;

        // Block b holds shortLength (+1 for the long blocks, which come last) codewords; data first, then ECC.
        var buffers = new byte[blocks][];
        var erasures = new List<int>[blocks];
        for (var b = 0; b < blocks; b++)
        {
            buffers[b] = new byte[shortLength + (b >= shortBlocks ? 1 : 0)];
            erasures[b] = [];
        }

        var k = 0;
        void Take(int b, int i)
        {
            if (doubtful is not null && doubtful[k])
            {
                erasures[b].Add(i);
            }

            buffers[b][i] = raw[k++];
        }

        for (var i = 0; i <= shortData; i++)
        {
            for (var b = 0; b < blocks; b++)
            {
                if (i < shortData || b >= shortBlocks)
                {
                    Take(b, i);
                }
            }
        }

        for (var i = 0; i < eccLength; i++)
        {
            for (var b = 0; b < blocks; b++)
            {
                Take(b, buffers[b].Length - eccLength + i);
            }
        }

        Debug.Assert(k == total);
        var data = new byte[total - (blocks * eccLength)];
        var offset = 0;
        for (var b = 0; b < blocks; b++)
        {
            var block = buffers[b];
            var original = erasures[b].Count > 0 ? (byte[])block.Clone() : null;
            var fixedCount = ReedSolomonDecoder.Decode(block, eccLength);
            if (fixedCount < 0 && original is not null && erasures[b].Count <= eccLength)
            {
                // Errors alone were too many: name the doubtful codewords as erasures, which cost half as much.
                original.CopyTo(block, 0);
                fixedCount = ReedSolomonDecoder.Decode(block, eccLength, erasures[b].ToArray());
            }

            if (fixedCount < 0)
            {
                return null;
            }

            corrected += fixedCount;
            block.AsSpan(0, block.Length - eccLength).CopyTo(data.AsSpan(offset));
            offset += block.Length - eccLength;
        }

        return data;
    }
}

/// <summary>The stage at which a grid failed to decode; used to choose retries (mirroring, another dimension).</summary>
internal enum DecodeFailure
{
    None,
    Format,
    Version,
    ErrorCorrection,
    Segments,
}
