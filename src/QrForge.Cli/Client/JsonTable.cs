using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QrForge.Cli.Client;

/// <summary>JSON answers as text for a terminal: a page (<c>items</c>) as a table, an object as name/value lines.</summary>
internal static class JsonTable
{
    private const int MaxCell = 48;

    public static string Render(JsonNode? answer, string[]? columns)
    {
        var text = new StringBuilder();
        if (answer is JsonObject page && page["items"] is JsonArray items)
        {
            var rows = items.OfType<JsonObject>().ToList();
            var names = columns ?? rows.SelectMany(r => r.Where(p => p.Value is JsonValue).Select(p => p.Key)).Distinct().ToArray();
            var cells = rows.Select(r => names.Select(n => Cell(r[n])).ToArray()).ToList();
            var widths = names.Select((n, i) => Math.Max(n.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
            text.AppendLine(string.Join("  ", names.Select((n, i) => n.ToUpperInvariant().PadRight(widths[i]))).TrimEnd());
            foreach (var row in cells)
            {
                text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            }

            text.Append($"({rows.Count} row{(rows.Count == 1 ? "" : "s")}");
            text.Append(page["next_cursor"] is JsonValue next ? $"; more with --cursor {next}" : "").Append(')');
            return text.ToString();
        }

        if (answer is JsonObject one)
        {
            var width = one.Select(p => p.Key.Length).DefaultIfEmpty(0).Max();
            foreach (var (name, value) in one)
            {
                text.AppendLine($"{name.PadRight(width)}  {(value is JsonValue or null ? Cell(value, int.MaxValue) : value.ToJsonString())}");
            }

            return text.ToString().TrimEnd();
        }

        return answer?.ToJsonString() ?? "";
    }

    private static string Cell(JsonNode? value, int max = MaxCell)
    {
        var text = value switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => value.ToJsonString(),
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length > max ? text[..(max - 1)] + "…" : text;
    }
}
