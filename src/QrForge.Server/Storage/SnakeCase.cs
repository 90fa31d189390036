using System.Text;

namespace QrForge.Server.Storage;

/// <summary>The database's naming convention: <c>TenantId</c> → <c>tenant_id</c>, <c>IsBot</c> → <c>is_bot</c>.</summary>
public static class SnakeCase
{
    /// <summary>
    /// Lower case with an underscore before each word: a capital after a lower-case letter or digit starts a word, and
    /// so does the last capital of a run followed by a lower-case letter (<c>ApiKeyId</c> → <c>api_key_id</c>,
    /// <c>HTTPStatus</c> → <c>http_status</c>).
    /// </summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                var previous = name[i - 1];
                var startsWord = char.IsLower(previous) || char.IsDigit(previous)
                    || (char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]));
                if (startsWord && previous != '_')
                {
                    result.Append('_');
                }
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
