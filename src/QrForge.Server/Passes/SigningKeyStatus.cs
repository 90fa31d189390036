namespace QrForge.Server.Passes;

/// <summary>Where a key is in its life.</summary>
public enum SigningKeyStatus
{
    /// <summary>Signs new passes and verifies.</summary>
    Active,

    /// <summary>Verifies only (a newer key signs).</summary>
    VerifyOnly,

    /// <summary>Neither; its tokens are refused as <c>unknown_key</c>.</summary>
    Retired,
}
