using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QrForge.Server.Storage;

/// <summary>
/// Per-connection SQLite settings: with write-ahead logging (set once on the file at migration),
/// <c>synchronous=NORMAL</c> makes a commit durable against a crash of the process without an fsync per
/// transaction (only an OS crash or power loss can lose the last commits), and a 10 s busy timeout lets
/// writers queue instead of failing.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
