using System.Diagnostics;

namespace QrForge.Encoding;

/// <summary>Error correction blocks and their interleaving (§7.5–7.6, Table 9).</summary>
internal static class Interleaving
{
    /// <summary>
    /// Splits the data codewords into blocks (Table 9: the later blocks are one codeword longer), computes each
    /// block's error correction codewords, and interleaves data then error correction codewords (§7.6).
    /// </summary>
    public static void Interleave(ReadOnlySpan<byte> data, Span<byte> result, int version, Ecc ecc, bool micro)
    {
        var blocks = Tables.BlockCount(version, ecc, micro);
        var eccLen = Tables.EccPerBlock(version, ecc, micro);
        var total = result.Length;
        var shortBlocks = blocks - total % blocks;
        var shortData = total / blocks - eccLen;
        Span<byte> eccAll = stackalloc byte[blocks * eccLen];
        var offset = 0;
        for (var b = 0; b < blocks; b++)
        {
            var len = shortData + (b < shortBlocks ? 0 : 1);
            ReedSolomon.Compute(data.Slice(offset, len), eccAll.Slice(b * eccLen, eccLen));
            offset += len;
        }

        Debug.Assert(offset == data.Length);
        if (blocks == 1)
        {
            data.CopyTo(result);
            eccAll.CopyTo(result[data.Length..]);
            return;
        }

        var k = 0;
        for (var i = 0; i <= shortData; i++)
        {
            for (var b = 0; b < blocks; b++)
            {
                if (i < shortData || b >= shortBlocks)
                {
                    result[k++] = data[b * shortData + Math.Max(0, b - shortBlocks) + i];
                }
            }
        }

        for (var i = 0; i < eccLen; i++)
        {
            for (var b = 0; b < blocks; b++)
            {
                result[k++] = eccAll[b * eccLen + i];
            }
        }
    }
}
