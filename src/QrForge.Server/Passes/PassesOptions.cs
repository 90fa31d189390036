using System.ComponentModel.DataAnnotations;

namespace QrForge.Server.Passes;

/// <summary>The <c>QrForge:Passes</c> section: events, passes, keys and check-in (docs/configuration.md).</summary>
public sealed class PassesOptions
{
    /// <summary>The configuration section this feature binds.</summary>
    public const string Section = "QrForge:Passes";

    /// <summary>Subject kinds accepted. Default <c>student</c>, <c>stall</c>, <c>staff</c>.</summary>
    public List<string> SubjectKinds { get; set; } = [];

    /// <summary>Clock difference tolerated on both ends of a validity window, in seconds. Default 120.</summary>
    [Range(0, 86_400)]
    public int ClockSkewSeconds { get; set; } = 120;

    /// <summary>How long a node keeps key state (active key, retirement) before reading it again, in seconds. Default 30.</summary>
    [Range(1, 3600)]
    public int KeyCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Folder for the Data Protection key ring that protects signing keys at rest. Empty (default): the key ring
    /// lives in the database (table <c>data_protection_keys</c>), shared by every node.
    /// </summary>
    public string? KeyRingPath { get; set; }

    /// <summary>A PKCS#12 (.pfx) certificate that encrypts the key ring itself; recommended in production.</summary>
    public string? KeyRingCertificatePath { get; set; }

    /// <summary>Password of <see cref="KeyRingCertificatePath"/>.</summary>
    public string? KeyRingCertificatePassword { get; set; }

    /// <summary>Rows accepted by one CSV import. Default 50,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxImportRows { get; set; } = 50_000;

    /// <summary>Scans accepted in one offline upload. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxOfflineBatch { get; set; } = 10_000;

    /// <summary>Images in flight at once in a warming job; 0 (default) means four per processor.</summary>
    [Range(0, 256)]
    public int WarmParallelism { get; set; }

    /// <summary>The kinds in force (the defaults when none are configured).</summary>
    public IReadOnlyList<string> Kinds => SubjectKinds.Count > 0 ? SubjectKinds : ["student", "stall", "staff"];
}
