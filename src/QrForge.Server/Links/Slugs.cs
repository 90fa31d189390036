using System.Buffers;
using System.Security.Cryptography;

namespace QrForge.Server.Links;

/// <summary>Generated and custom slugs: the characters, lengths and reserved words of <c>/r/{slug}</c>.</summary>
public static class Slugs
{
    /// <summary>
    /// The alphabet of generated slugs: digits and letters without the look-alikes 0/O/o and 1/l/I
    /// (56 characters, so 7 characters give about 1.7 × 10^12 slugs).
    /// </summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";

    public const int MinCustomLength = 3;

    public const int MaxLength = 64;

    /// <summary>Words no custom slug may be (compared ignoring case): the service's own top-level paths and common confusables.</summary>
    public static readonly FrozenSetOfWords Reserved = new(
        "api", "docs", "health", "ready", "metrics", "r", "generate", "retrieve", "openapi", "admin", "well-known",
        ".well-known", "static", "assets", "login", "logout", "signin", "signup", "auth", "bench", "favicon.ico", "robots.txt", "www");

    private static readonly SearchValues<char> CustomChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>A new slug of <paramref name="length"/> characters from a CSPRNG over <see cref="Alphabet"/>.</summary>
    public static string Generate(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Checks a custom slug; returns the problem, or null when it is acceptable.</summary>
    public static string? Check(string slug)
    {
        if (slug.Length is < MinCustomLength or > MaxLength)
        {
            return $"slug must be {MinCustomLength}-{MaxLength} characters.";
        }

        if (slug.AsSpan().ContainsAnyExcept(CustomChars))
        {
            return "slug may hold only letters A-Z and a-z, digits, '-' and '_'.";
        }

        if (slug[0] is '-' or '_' || slug[^1] is '-' or '_')
        {
            return "slug must start and end with a letter or digit.";
        }

        return Reserved.Contains(slug) ? $"'{slug}' is a reserved word." : null;
    }

    /// <summary>Whether <paramref name="slug"/> could name a link at all (cheap check for the redirect: no lookup for garbage).</summary>
    public static bool IsPlausible(string slug) =>
        slug.Length is > 0 and <= MaxLength && !slug.AsSpan().ContainsAnyExcept(CustomChars);
}
