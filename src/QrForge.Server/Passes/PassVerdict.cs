namespace QrForge.Server.Passes;

/// <summary>The verdict on a scanned token; the API writes these in snake_case (<c>not_yet_valid</c>).</summary>
public enum PassVerdict
{
    /// <summary>Signed by a known key, within its window, the pass exists and is not revoked.</summary>
    Valid,

    /// <summary>Not a token at all: wrong length, characters, version or structure.</summary>
    Malformed,

    /// <summary>Well formed, but the signature does not match (a changed or forged token).</summary>
    Tampered,

    /// <summary>The key id names no key, or a retired one.</summary>
    UnknownKey,

    /// <summary>Before the window opens (beyond the clock-skew tolerance).</summary>
    NotYetValid,

    /// <summary>After the window closes (beyond the clock-skew tolerance).</summary>
    Expired,

    /// <summary>The pass was revoked (or replaced by a reissue).</summary>
    Revoked,

    /// <summary>The signature is good but the pass is unknown to the caller's tenant.</summary>
    UnknownPass,
}
