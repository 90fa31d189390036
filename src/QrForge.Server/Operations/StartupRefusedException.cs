namespace QrForge.Server.Operations;

/// <summary>
/// A setting the service cannot start with (for instance a bootstrap admin password that is too short). The host
/// stops before it listens; the entry point prints the message on one line and exits with
/// <see cref="ServerApp.ConfigurationExitCode"/>.
/// </summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
