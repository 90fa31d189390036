using System.Text;

namespace QrForge.Server.Api;

/// <summary>
/// RFC 4180 CSV cells that spreadsheets cannot turn into formulas: a cell starting with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, tab or carriage return gets a leading apostrophe (OWASP CSV injection), then quoting.
/// </summary>
public static class Csv
{
    public static void AppendRow(StringBuilder line, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendCell(line, cells[i]);
        }

        line.Append("\r\n");
    }

    public static void AppendCell(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var neutralised = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (neutralised.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(neutralised);
            return;
        }

        line.Append('"').Append(neutralised.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
