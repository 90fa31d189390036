namespace QrForge.Server.Passes;

/// <summary>
/// Verifies pass tokens of either format without a database: the server (which then checks the pass itself) and
/// the offline <c>qrforge passes verify</c> use the same code. Every input gives a verdict; nothing throws.
/// </summary>
public static class PassVerifier
{
    /// <summary>Longest token looked at; anything longer is <see cref="PassVerdict.Malformed"/>.</summary>
    public const int MaxTokenLength = JwtPassToken.MaxLength;

    private static readonly char[] LineBreaks = ['\r', '\n', '\t'];

    /// <summary>
    /// Takes a token of either format apart; null when malformed. Surrounding line breaks and tabs (which some
    /// scanners append) are ignored, spaces are not: a space is a Base45 character.
    /// </summary>
    public static ParsedToken? Parse(string? token)
    {
        if (token is null || token.Length > MaxTokenLength)
        {
            return null;
        }

        token = token.Trim(LineBreaks);
        return JwtPassToken.LooksLikeJwt(token) ? JwtPassToken.TryParse(token) : CompactPassToken.TryParse(token);
    }

    /// <summary>
    /// The verdict on a parsed token signed (it claims) by <paramref name="key"/>, null when that key is unknown or
    /// retired: signature first, then the window widened by <paramref name="skew"/> on both sides.
    /// </summary>
    public static PassVerdict Check(ParsedToken token, PassPublicKey? key, DateTimeOffset now, TimeSpan skew)
    {
        var verdict = CheckSignature(token, key);
        return verdict == PassVerdict.Valid ? CheckWindow(token.Claims, now, skew) : verdict;
    }

    /// <summary><see cref="PassVerdict.UnknownKey"/>, <see cref="PassVerdict.Tampered"/>, or valid when <paramref name="key"/> signed the token.</summary>
    public static PassVerdict CheckSignature(ParsedToken token, PassPublicKey? key)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (key is null || key.Id != token.Claims.KeyId)
        {
            return PassVerdict.UnknownKey;
        }

        return key.Verify(token.SignedBytes, token.Signature) ? PassVerdict.Valid : PassVerdict.Tampered;
    }

    /// <summary>Valid from <c>ValidFrom - skew</c> (inclusive) to <c>ValidUntil + skew</c> (exclusive).</summary>
    public static PassVerdict CheckWindow(PassClaims claims, DateTimeOffset now, TimeSpan skew)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (now < claims.ValidFrom - skew)
        {
            return PassVerdict.NotYetValid;
        }

        return now >= claims.ValidUntil + skew ? PassVerdict.Expired : PassVerdict.Valid;
    }
}
