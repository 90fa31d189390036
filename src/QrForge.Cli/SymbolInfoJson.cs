using System.Text.Encodings.Web;
using System.Text.Json;
using QrForge.Encoding;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Cli;

/// <summary>
/// The <c>--info</c> report: a symbol's parameters as snake_case JSON, an object for one symbol and an array
/// of objects for a structured-append sequence.
/// </summary>
/// <remarks>
/// Shape: <c>{"version": 1, "version_name": "1", "micro": false, "ecc": "Q", "mask": 2, "size": 21,
/// "segments": [{"mode": "alphanumeric", "char_count": 11, "bit_length": 74}]}</c>. Mode names are
/// numeric, alphanumeric, byte, kanji, eci, fnc1_first, fnc1_second and structured_append.
/// </remarks>
internal static class SymbolInfoJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the report, followed by a line break.</summary>
    public static void Write(IReadOnlyList<QrCode> symbols, bool asArray, TextWriter destination)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (asArray)
            {
                json.WriteStartArray();
            }

            foreach (var symbol in symbols)
            {
                WriteSymbol(json, symbol);
            }

            if (asArray)
            {
                json.WriteEndArray();
            }
        }

        destination.WriteLine(TextEncoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteSymbol(Utf8JsonWriter json, QrCode symbol)
    {
        json.WriteStartObject();
        json.WriteNumber("version", symbol.Version);
        json.WriteString("version_name", symbol.VersionName);
        json.WriteBoolean("micro", symbol.IsMicro);
        json.WriteString("ecc", symbol.Ecc.ToString());
        json.WriteNumber("mask", symbol.Mask);
        json.WriteNumber("size", symbol.Size);
        json.WriteStartArray("segments");
        foreach (var segment in symbol.Segments)
        {
            json.WriteStartObject();
            json.WriteString("mode", ModeName(segment.Mode));
            json.WriteNumber("char_count", segment.CharCount);
            json.WriteNumber("bit_length", segment.BitLength);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The snake_case name of a mode, as <c>--info</c> and <c>--mode</c> spell it.</summary>
    public static string ModeName(QrMode mode) => mode switch
    {
        QrMode.Numeric => "numeric",
        QrMode.Alphanumeric => "alphanumeric",
        QrMode.Byte => "byte",
        QrMode.Kanji => "kanji",
        QrMode.Eci => "eci",
        QrMode.Fnc1First => "fnc1_first",
        QrMode.Fnc1Second => "fnc1_second",
        QrMode.StructuredAppend => "structured_append",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
