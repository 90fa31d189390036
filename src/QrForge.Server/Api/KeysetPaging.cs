using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace QrForge.Server.Api;

/// <summary>
/// Keyset paging over UUIDv7 ids, newest first: rows with an id below the cursor, ordered by id descending, one
/// more than the page fetched to learn whether another page follows. Every list endpoint pages this way.
/// </summary>
public static class KeysetPaging
{
    /// <summary>
    /// One page of <paramref name="query"/> (whose rows have a <c>Guid Id</c>) after <paramref name="after"/>
    /// (null: from the newest); the next cursor is null on the last page.
    /// </summary>
    public static async Task<(List<T> Rows, string? NextCursor)> ToKeysetPageAsync<T>(this IQueryable<T> query, Guid? after, int limit, CancellationToken ct)
        where T : class
    {
        var row = Expression.Parameter(typeof(T), "row");
        var id = Expression.Property(row, "Id");
        if (after is { } last)
        {
            // id.CompareTo(cursor.Value) < 0: EF Core translates it to "id < @p" on both providers (a member of a
            // captured object becomes a parameter, as a closure's would, so the compiled query is reused).
            var cursor = Expression.Field(Expression.Constant(new Cursor(last)), nameof(Cursor.Value));
            var compare = Expression.Call(id, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, cursor);
            query = query.Where(Expression.Lambda<Func<T, bool>>(Expression.LessThan(compare, Expression.Constant(0)), row));
        }

        var rows = await query.OrderByDescending(Expression.Lambda<Func<T, Guid>>(id, row)).Take(limit + 1).ToListAsync(ct);
        if (rows.Count <= limit)
        {
            return (rows, null);
        }

        rows.RemoveAt(limit);
        var lastId = (Guid)typeof(T).GetProperty("Id")!.GetValue(rows[^1])!;
        return (rows, lastId.ToString("N"));
    }

    private sealed class Cursor(Guid value)
    {
        public readonly Guid Value = value;
    }
}
