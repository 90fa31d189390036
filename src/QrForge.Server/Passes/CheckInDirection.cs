namespace QrForge.Server.Passes;

/// <summary>Entering or leaving.</summary>
public enum CheckInDirection
{
    In,
    Out,
}
