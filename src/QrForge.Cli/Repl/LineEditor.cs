using System.Text;

namespace QrForge.Cli.Repl;

/// <summary>
/// Reads one line from the terminal with editing: ←/→, Home/End (Ctrl+A/E), Backspace/Delete, Ctrl+U (clear),
/// ↑/↓ through the history, Tab for completion, Ctrl+C to abandon the line, Ctrl+D on an empty line to leave.
/// The line is drawn on one terminal row (long lines scroll with the terminal).
/// </summary>
internal sealed class LineEditor(History history, Func<string, int, IReadOnlyList<string>> complete)
{
    /// <summary>Returns the line, "" when abandoned with Ctrl+C, or null at Ctrl+D / end of input.</summary>
    public string? ReadLine(string prompt, string prefixLines)
    {
        var buffer = new StringBuilder();
        var cursor = 0;
        var browsing = history.Entries.Count;
        string? draft = null;
        System.Console.Write(prompt);
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    System.Console.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.C when control:
                    System.Console.WriteLine("^C");
                    return "";
                case ConsoleKey.D when control:
                    if (buffer.Length == 0)
                    {
                        System.Console.WriteLine();
                        return null;
                    }

                    break;
                case ConsoleKey.U when control:
                    buffer.Clear();
                    cursor = 0;
                    break;
                case ConsoleKey.A when control:
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.E when control:
                case ConsoleKey.End:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.LeftArrow:
                    cursor = Math.Max(0, cursor - 1);
                    break;
                case ConsoleKey.RightArrow:
                    cursor = Math.Min(buffer.Length, cursor + 1);
                    break;
                case ConsoleKey.Backspace:
                    if (cursor > 0)
                    {
                        buffer.Remove(--cursor, 1);
                    }

                    break;
                case ConsoleKey.Delete:
                    if (cursor < buffer.Length)
                    {
                        buffer.Remove(cursor, 1);
                    }

                    break;
                case ConsoleKey.UpArrow when browsing > 0:
                    draft ??= buffer.ToString();
                    browsing--;
                    Replace(buffer, history.Entries[browsing], ref cursor);
                    break;
                case ConsoleKey.DownArrow when browsing < history.Entries.Count:
                    browsing++;
                    Replace(buffer, browsing == history.Entries.Count ? draft ?? "" : history.Entries[browsing], ref cursor);
                    break;
                case ConsoleKey.Tab:
                    Complete(buffer, ref cursor, prompt, prefixLines);
                    break;
                default:
                    if (key.KeyChar >= ' ' && !control)
                    {
                        buffer.Insert(cursor++, key.KeyChar);
                    }

                    break;
            }

            Redraw(prompt, buffer, cursor);
        }
    }

    private void Complete(StringBuilder buffer, ref int cursor, string prompt, string prefixLines)
    {
        var text = buffer.ToString();
        IReadOnlyList<string> candidates;
        try
        {
            candidates = complete(prefixLines + text, prefixLines.Length + cursor);
        }
#pragma warning disable CA1031 // Completion is best effort: a half-typed line may not compile at all.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }

        var typed = text[start..cursor];
        if (candidates.Count == 0)
        {
            return;
        }

        var common = candidates.Aggregate((a, b) => a[..CommonLength(a, b)]);
        if (common.Length > typed.Length)
        {
            buffer.Insert(cursor, common[typed.Length..]);
            cursor += common.Length - typed.Length;
        }
        else if (candidates.Count > 1)
        {
            System.Console.WriteLine();
            System.Console.WriteLine(string.Join("  ", candidates.Take(60)) + (candidates.Count > 60 ? $"  … ({candidates.Count})" : ""));
            System.Console.Write(prompt);
        }
    }

    private static int CommonLength(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private static void Replace(StringBuilder buffer, string text, ref int cursor)
    {
        buffer.Clear().Append(text.ReplaceLineEndings(" "));
        cursor = buffer.Length;
    }

    private static void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        var back = buffer.Length - cursor;
        System.Console.Write("\r" + prompt + buffer + "\u001b[K" + (back > 0 ? $"\u001b[{back}D" : ""));
    }
}
