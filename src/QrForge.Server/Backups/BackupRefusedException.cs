namespace QrForge.Server.Backups;

/// <summary>
/// A backup or restore refused before anything was changed: the file is not a QrForge backup, is truncated,
/// comes from a newer schema, or the target holds data and <c>--force</c> was not given. The message says which.
/// </summary>
public sealed class BackupRefusedException : Exception
{
    public BackupRefusedException(string message) : base(message)
    {
    }

    public BackupRefusedException()
    {
    }

    public BackupRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
