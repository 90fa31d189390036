using System.Text;

namespace QrForge.Benchmarks;

/// <summary>
/// The three benchmark workloads. Each is generated from a fixed seed by <see cref="SplitMix64"/>, so every run,
/// every library and every machine sees exactly the same strings, and a harness in another language can rebuild
/// them from the description in docs/benchmarks.md.
/// </summary>
public static class Workloads
{
    /// <summary>W1: distinct short-link URLs, encoded at ECC M.</summary>
    public const int UrlCount = 2_000;

    /// <summary>W2: distinct 500-character printable-ASCII payloads, encoded at ECC H.</summary>
    public const int TextCount = 500;

    /// <summary>W3: distinct 300-digit numeric strings, encoded at ECC L.</summary>
    public const int DigitsCount = 500;

    private const string UrlPrefix = "https://qr.example.com/r/";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Decimal = "0123456789";

    // Every printable ASCII character, 0x20 (space) to 0x7E (tilde): 95 of them.
    private static readonly string Printable = string.Create(0x7F - 0x20, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)(0x20 + i);
        }
    });

    /// <summary>W1: <c>https://qr.example.com/r/</c> followed by 8 base62 characters (33 characters in all).</summary>
    public static string[] Urls() => Distinct(UrlCount, seed: 1, rng => UrlPrefix + Draw(rng, Base62, 8));

    /// <summary>W2: 500 characters drawn uniformly from 0x20–0x7E.</summary>
    public static string[] Text() => Distinct(TextCount, seed: 2, rng => Draw(rng, Printable, 500));

    /// <summary>W3: 300 decimal digits (leading zeros allowed).</summary>
    public static string[] Digits() => Distinct(DigitsCount, seed: 3, rng => Draw(rng, Decimal, 300));

    // Draws strings from one generator until `count` distinct ones are collected, keeping first-seen order.
    private static string[] Distinct(int count, ulong seed, Func<SplitMix64, string> draw)
    {
        var rng = new SplitMix64(seed);
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        var result = new string[count];
        var n = 0;
        while (n < count)
        {
            var value = draw(rng);
            if (seen.Add(value))
            {
                result[n++] = value;
            }
        }

        return result;
    }

    private static string Draw(SplitMix64 rng, string alphabet, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(alphabet[rng.NextBelow(alphabet.Length)]);
        }

        return sb.ToString();
    }
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator whose output is fixed by its seed on every runtime,
/// unlike <see cref="Random"/>, whose seeded sequence .NET does not promise to keep.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15; // 2^64 / golden ratio, the Weyl-sequence increment
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A value in 0 ≤ v &lt; <paramref name="bound"/>: the high word of Next() × bound (Lemire), bias below 2^-57 for bound ≤ 95.</summary>
    public int NextBelow(int bound) => (int)Math.BigMul(Next(), (ulong)bound, out _);
}
