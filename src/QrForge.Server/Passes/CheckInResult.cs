namespace QrForge.Server.Passes;

/// <summary>The outcome of a check-in.</summary>
public enum CheckInResult
{
    /// <summary>The movement was recorded.</summary>
    Ok,

    /// <summary>An <c>in</c> for a pass already inside.</summary>
    AlreadyInside,

    /// <summary>An <c>out</c> for a pass not inside.</summary>
    NotInside,

    /// <summary>The token or scan was refused; see the reason.</summary>
    Refused,
}
