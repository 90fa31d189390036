namespace QrForge.Server.Identity;

/// <summary>What a sign-in or refresh returns.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn)
{
    public string TokenType => "Bearer";
}
