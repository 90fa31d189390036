namespace QrForge.Cli.Doctor;

/// <summary>How one check of <c>qrforge doctor</c> came out.</summary>
internal enum CheckStatus
{
    /// <summary>Healthy.</summary>
    Ok,

    /// <summary>Works, but needs attention (slow, close to a limit, not set up yet).</summary>
    Warn,

    /// <summary>Broken: the doctor exits non-zero.</summary>
    Fail,

    /// <summary>Not applicable (nothing configured) or not possible (what it needs failed first).</summary>
    Skip,
}

/// <summary>One line of the doctor's checklist, with its measured values for <c>--json</c>.</summary>
/// <param name="Name">Short, stable name (<c>database</c>, <c>redis</c>…).</param>
/// <param name="Status">The verdict.</param>
/// <param name="Detail">One line for a person.</param>
/// <param name="Data">Measured values (milliseconds, bytes, counts), keyed in snake_case.</param>
internal sealed record DoctorCheck(string Name, CheckStatus Status, string Detail, IReadOnlyDictionary<string, object?>? Data = null);
