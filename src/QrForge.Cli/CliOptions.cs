using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace QrForge.Cli;

/// <summary>
/// Options whose values are checked while parsing, with error messages that name the option and the problem
/// (System.CommandLine's own messages name a .NET type instead).
/// </summary>
internal static class CliOptions
{
    /// <summary>A whole-number option in <paramref name="min"/>–<paramref name="max"/>; absent means null.</summary>
    public static Option<int?> Integer(string name, int min, int max, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = r => ParseInteger(r, name, min, max),
    };

    /// <summary>An option whose value is one of a few names (compared case-insensitively), each mapped to a value.</summary>
    public static Option<T?> Choice<T>(string name, IReadOnlyDictionary<string, T> choices, string description, string? helpName = null)
        where T : struct
    {
        var names = string.Join('|', choices.Keys);
        return new Option<T?>(name)
        {
            Description = description,
            HelpName = helpName ?? names,
            CustomParser = r =>
            {
                var text = Single(r);
                if (choices.TryGetValue(text, out var value))
                {
                    return value;
                }

                r.AddError($"{name}: '{text}' is not one of {names.Replace("|", ", ", StringComparison.Ordinal)}");
                return null;
            },
        };
    }

    /// <summary>An option holding a string as given.</summary>
    public static Option<string?> Text(string name, string helpName, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = helpName,
    };

    /// <summary>A switch: present means true.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A case-insensitive name-to-value table for <see cref="Choice{T}"/>.</summary>
    public static Dictionary<string, T> Names<T>(params (string Name, T Value)[] entries)
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            map.Add(key, value);
        }

        return map;
    }

    /// <summary>The option's single token.</summary>
    public static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    /// <summary>Parses a whole number in range, or reports an error naming <paramref name="name"/>.</summary>
    public static int? ParseInteger(ArgumentResult result, string name, int min, int max)
    {
        var text = Single(result);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name}: '{text}' is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError($"{name}: {value} is out of range {min}-{max}");
            return null;
        }

        return value;
    }
}
