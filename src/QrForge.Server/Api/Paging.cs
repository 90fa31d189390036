namespace QrForge.Server.Api;

/// <summary>Cursor paging over UUIDv7 keys, newest first (the cursor is the last id of a page, 32 hex digits).</summary>
public static class Paging
{
    public static Guid? Parse(string? cursor, int limit, Dictionary<string, string[]> errors, int maxLimit = 200)
    {
        if (limit < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"limit must be 1-{maxLimit}."];
        }

        if (cursor is null)
        {
            return null;
        }

        if (Guid.TryParseExact(cursor, "N", out var after))
        {
            return after;
        }

        errors["cursor"] = ["cursor must be a next_cursor value from an earlier page."];
        return null;
    }
}
