using System.CommandLine;

namespace QrForge.Cli;

/// <summary>
/// Names a mistyped command and suggests the closest one: <c>qrforge encdoe</c> answers
/// "unknown command 'encdoe': did you mean 'encode'?".
/// </summary>
internal static class CommandSuggestion
{
    /// <summary>
    /// The message for a word given where a command of the current command group was expected, or null when the
    /// parse failed for another reason.
    /// </summary>
    public static string? UnknownCommand(ParseResult parseResult)
    {
        var group = parseResult.CommandResult.Command;
        if (group.Subcommands.Count == 0 || parseResult.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        var word = parseResult.UnmatchedTokens[0];
        if (word.StartsWith('-'))
        {
            return null;
        }

        var help = $"(see '{CliApp.CommandName(parseResult)} --help')";
        return Closest(word, group.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)) is string closest
            ? $"unknown command '{word}': did you mean '{closest}'? {help}"
            : $"unknown command '{word}' {help}";
    }

    /// <summary>
    /// The name nearest to <paramref name="word"/> by edit distance (case-insensitive), when it is near enough to be
    /// a typing slip: at most 2 edits, or a third of the word's length, whichever is more; a prefix of a name counts.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> names)
    {
        var lower = word.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var distance = name.StartsWith(lower, StringComparison.OrdinalIgnoreCase) ? 1 : Distance(lower, name.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
