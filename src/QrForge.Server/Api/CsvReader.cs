using System.Text;

namespace QrForge.Server.Api;

/// <summary>A small RFC 4180 reader: quoted fields (with doubled quotes and line breaks), CRLF or LF.</summary>
public static class CsvReader
{
    private const int MaxFields = 64;
    private const int MaxFieldLength = 10_000;

    /// <summary>Reads up to <paramref name="maxRecords"/> records with their starting line numbers; blank lines are skipped.</summary>
    public static async Task<List<(int Line, string[] Fields)>> ReadAsync(TextReader reader, int maxRecords, CancellationToken ct)
    {
        var text = await reader.ReadToEndAsync(ct);
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        var quoted = false;
        var any = false;
        for (; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            var end = i == text.Length;
            if (quoted)
            {
                if (end)
                {
                    throw new FormatException($"A quoted field opened on line {start} is not closed.");
                }

                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
                any = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                any = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (any || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    records.Add((start, fields.ToArray()));
                    if (records.Count >= maxRecords)
                    {
                        return records;
                    }
                }

                fields.Clear();
                field.Clear();
                any = false;
                line++;
                start = line;
            }
            else
            {
                field.Append(c);
                any = true;
            }

            if (field.Length > MaxFieldLength || fields.Count > MaxFields)
            {
                throw new FormatException($"Line {start}: at most {MaxFields} fields of at most {MaxFieldLength} characters.");
            }
        }

        return records;
    }
}
