using System.Text.Json;
using System.Text.Json.Serialization;

namespace QrForge.Server.Api;

/// <summary>
/// How request bodies are read: unknown members are refused (a misspelt <c>expiry_hours</c> is an error, not a
/// silently dropped value), strings may not hold NUL (PostgreSQL cannot store it, and no field needs it), and a
/// body that cannot be read is described by field, line and position.
/// </summary>
public static class JsonInput
{
    /// <summary>Applies the request-reading rules to the API's JSON options.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new NulFreeStringConverter());
    }

    /// <summary>
    /// The field a <see cref="JsonException"/> points at, in the request's own names (<c>style.dark</c>,
    /// <c>tags[2]</c>), or null when it is the body as a whole.
    /// </summary>
    public static string? Field(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var path = e.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        path = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        // Members whose names need quoting come as $['odd name']; keep them readable.
        return path.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
    }

    /// <summary>What is wrong, in one sentence, without the server's type names; null when not a body error.</summary>
    public static string Reason(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message;
        if (e is NulCharacterException)
        {
            return "must not contain the NUL character (U+0000).";
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "is not a member of this request (members are snake_case; see /openapi/v1.json).";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return "has a value of the wrong type or format.";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "nests deeper than 64 levels.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "lacks a required member.";
        }

        return "is not valid JSON.";
    }

    /// <summary>"at line 3, position 14" (both counted from 1), or empty when the reader did not say.</summary>
    public static string Where(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"at line {line + 1}, position {position + 1}"
            : "";
    }

    /// <summary>Thrown for a string that holds U+0000; the serializer adds the path, line and position.</summary>
    public sealed class NulCharacterException : JsonException
    {
        public NulCharacterException()
            : base("A string contains the NUL character (U+0000).")
        {
        }

        public NulCharacterException(string message)
            : base(message)
        {
        }

        public NulCharacterException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    /// <summary>Every string of a request body, refused when it holds NUL; written unchanged.</summary>
    private sealed class NulFreeStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException();
            }

            var value = reader.GetString();
            return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new NulCharacterException() : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString() ?? "";
            return value.Contains('\0', StringComparison.Ordinal) ? throw new NulCharacterException() : value;
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
    }
}
