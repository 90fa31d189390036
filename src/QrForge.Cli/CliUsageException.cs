namespace QrForge.Cli;

/// <summary>
/// A bad argument found after parsing (two options that cannot go together, an unreadable input file).
/// <see cref="CliApp"/> reports its message on one line and exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message) : base(message)
    {
    }

    public CliUsageException()
    {
    }

    public CliUsageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
