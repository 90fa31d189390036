using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace QrForge.Server.Storage;

/// <summary>What a database exception means for the caller.</summary>
public enum DatabaseFailure
{
    /// <summary>Not a database failure the API answers specially (a bug: 500).</summary>
    Other,

    /// <summary>A unique index refused a row: a concurrent request made the same name or id first (409).</summary>
    Duplicate,

    /// <summary>The database cannot be reached, refused the connection, or did not answer in time (503).</summary>
    Unavailable,

    /// <summary>PostgreSQL refused a text value holding U+0000 (400); input validation normally catches it first.</summary>
    NulCharacter,
}

/// <summary>Classifies exceptions of both providers by walking the inner exceptions.</summary>
public static class DatabaseFailures
{
    // SQLite result codes (https://sqlite.org/rescode.html): BUSY, LOCKED, IOERR, CANTOPEN, FULL, and the
    // extended codes of CONSTRAINT that mean a unique index or primary key (2067, 1555).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static DatabaseFailure Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException:
                    return DatabaseFailure.Unavailable;
                case PostgresException pg:
                    return pg.SqlState switch
                    {
                        PostgresErrorCodes.UniqueViolation => DatabaseFailure.Duplicate,
                        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter => DatabaseFailure.NulCharacter,
                        // Class 08 (connection), 53 (insufficient resources), 57P (shutting down, cannot connect now), 57014 (statement timeout).
                        { } state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                            || state.StartsWith("57P", StringComparison.Ordinal) || state == PostgresErrorCodes.QueryCanceled => DatabaseFailure.Unavailable,
                        _ => DatabaseFailure.Other,
                    };
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return DatabaseFailure.Unavailable;
                case SqliteException sqlite:
                    return sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey ? DatabaseFailure.Duplicate
                        : sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen ? DatabaseFailure.Unavailable
                        : DatabaseFailure.Other;
                case TimeoutException:
                    return DatabaseFailure.Unavailable;
            }
        }

        return DatabaseFailure.Other;
    }
}

/// <summary>Thrown without trying when <see cref="DatabaseBreaker"/> is open: the database failed moments ago.</summary>
public sealed class DatabaseUnavailableException : DbException
{
    public DatabaseUnavailableException()
        : base("The database failed moments ago; not trying again yet.")
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
