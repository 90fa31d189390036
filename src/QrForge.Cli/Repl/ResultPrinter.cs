using System.Collections;
using System.Globalization;
using System.Reflection;
using QrForge.Encoding;
using QrForge.Rendering;

namespace QrForge.Cli.Repl;

/// <summary>
/// Prints a submission's value readably: a symbol drawn with half blocks, a collection as a table (the first
/// <see cref="MaxRows"/> rows; a query runs once), an object as its properties, anything else as text.
/// </summary>
internal static class ResultPrinter
{
    public const int MaxRows = 50;
    private const int MaxColumns = 8;
    private const int MaxCell = 40;

    public static void Print(TextWriter output, object? value)
    {
        switch (value)
        {
            case null:
                output.WriteLine("null");
                break;
            case string text:
                output.WriteLine(text);
                break;
            case QrCode symbol:
                output.Write(TextRenderer.Render(symbol));
                output.WriteLine($"QrCode: version {symbol.Version}, ECC {symbol.Ecc}, {symbol.Size}×{symbol.Size} modules, mask {symbol.Mask}");
                break;
            case byte[] bytes:
                output.WriteLine($"byte[{bytes.Length}]{(bytes is [0x89, 0x50, 0x4E, 0x47, ..] ? " (PNG)" : "")}");
                break;
            case IEnumerable items when !IsScalar(value.GetType()):
                Table(output, items);
                break;
            default:
                var type = value.GetType();
                var properties = Columns(type);
                if (IsScalar(type) || properties.Count == 0 || type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType == type && !IsRecord(type))
                {
                    output.WriteLine(Cell(value, int.MaxValue));
                    break;
                }

                var width = properties.Max(p => p.Name.Length);
                output.WriteLine(Name(type));
                foreach (var property in properties)
                {
                    output.WriteLine($"  {property.Name.PadRight(width)}  {Cell(Read(property, value), 200)}");
                }

                break;
        }
    }

    private static void Table(TextWriter output, IEnumerable items)
    {
        var rows = new List<object?>();
        var more = false;
        foreach (var item in items)
        {
            if (rows.Count == MaxRows)
            {
                more = true;
                break;
            }

            rows.Add(item);
        }

        var elementType = ElementType(items.GetType()) ?? rows.FirstOrDefault(r => r is not null)?.GetType() ?? typeof(object);
        var properties = IsScalar(elementType) ? [] : Columns(elementType).Take(MaxColumns).ToList();
        var header = properties.Count == 0 ? ["value"] : properties.Select(p => p.Name).ToArray();
        var cells = rows.Select(r => properties.Count == 0 ? [Cell(r, MaxCell)] : properties.Select(p => Cell(r is null ? null : Read(p, r), MaxCell)).ToArray()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        output.WriteLine(string.Join(" │ ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("─┼─", widths.Select(w => new string('─', w))));
        foreach (var row in cells)
        {
            output.WriteLine(string.Join(" │ ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine(more ? $"(first {MaxRows} rows)" : $"({rows.Count} row{(rows.Count == 1 ? "" : "s")})");
    }

    private static List<PropertyInfo> Columns(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && IsScalar(p.PropertyType))];

    private static object? Read(PropertyInfo property, object target)
    {
        try
        {
            return property.GetValue(target);
        }
        catch (TargetInvocationException e)
        {
            return $"<{e.InnerException?.GetType().Name}>";
        }
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(DateOnly) || type == typeof(TimeOnly)
            || type == typeof(System.Net.IPAddress) || type == typeof(Uri);
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static Type? ElementType(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Name(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;

    private static string Cell(object? value, int max)
    {
        var text = value switch
        {
            null => "null",
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length > max ? text[..(max - 1)] + "…" : text;
    }
}
