namespace QrForge.Cli;

/// <summary>The process exit codes every qrforge command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Anything else went wrong, such as an I/O error writing the output.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: unknown option, unparsable or out-of-range value, missing or unreadable input.</summary>
    public const int Usage = 2;

    /// <summary>The data does not fit in any symbol the options allow.</summary>
    public const int DataTooLong = 3;

    /// <summary>A pass token was refused (<c>passes verify</c>); the verdict is printed.</summary>
    public const int Refused = 4;
}
