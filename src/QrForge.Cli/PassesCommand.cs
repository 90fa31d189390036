using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QrForge.Server.Passes;

namespace QrForge.Cli;

/// <summary>
/// <c>qrforge passes verify TOKEN --keys keys.json</c>: verifies a pass token offline, with the published keys
/// (<c>/.well-known/qrforge-keys.json</c>) and no server, using the verifier the service uses. Prints the verdict;
/// exit code 0 when valid, 4 when refused, 2 for bad arguments or an unreadable key file. Revocation and whether
/// the pass still exists need the server (<c>POST /api/v1/passes/verify</c>).
/// </summary>
internal static class PassesCommand
{
    public static Command Create(CliConsole console)
    {
        var token = new Argument<string>("TOKEN") { Description = "The token (compact or JWT; quote it: compact tokens may hold spaces). - reads it from standard input." };
        var keys = CliOptions.Text("--keys", "FILE", "The published keys (GET /.well-known/qrforge-keys.json). Required.");
        var at = CliOptions.Text("--at", "TIME", "Judge the token at this time (ISO 8601, e.g. 2026-05-01T09:00:00Z). [default: now]");
        var skew = CliOptions.Integer("--skew", 0, 86_400, "Clock skew tolerated at both ends of the window, in seconds. [default: 120]");
        var json = CliOptions.Flag("--json", "Print the verdict and claims as JSON.");
        var verify = new Command("verify", "Verify a pass token offline against the published keys.") { token, keys, at, skew, json };
        verify.SetAction(r => Verify(r.GetValue(token) ?? "", r.GetValue(keys), r.GetValue(at), r.GetValue(skew) ?? 120, r.GetValue(json), console));
        var passes = new Command("passes", "Signed passes: verify offline; list, get, create, revoke on a running service (--server).") { verify };
        Client.ApiCommands.AddPasses(passes, console);
        return passes;
    }

    /// <summary>Verifies and prints; returns the exit code.</summary>
    public static int Verify(string token, string? keysFile, string? at, int skewSeconds, bool json, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (string.IsNullOrEmpty(keysFile))
        {
            throw new CliUsageException("--keys FILE is required (save GET /.well-known/qrforge-keys.json from the server)");
        }

        var now = DateTimeOffset.UtcNow;
        if (at is not null && !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out now))
        {
            throw new CliUsageException($"--at '{at}' is not a time such as 2026-05-01T09:00:00Z");
        }

        if (token == "-")
        {
            token = console.In is { } stdin ? new StreamReader(stdin).ReadLine() ?? "" : throw new CliUsageException("'-' reads standard input, which is a terminal");
        }

        PassKeySet keys;
        try
        {
            keys = PassKeySet.Parse(File.ReadAllText(keysFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{keysFile}': {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"'{keysFile}': {e.Message}");
        }

        var parsed = PassVerifier.Parse(token);
        var verdict = parsed is null ? PassVerdict.Malformed : PassVerifier.Check(parsed, keys.Find(parsed.Claims.KeyId), now, TimeSpan.FromSeconds(skewSeconds));
        var name = CheckInService.Wire(verdict);
        if (json)
        {
            var claims = parsed?.Claims;
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["result"] = name,
                ["format"] = parsed is null ? null : parsed.Format == PassTokenFormat.Jwt ? "jwt" : "compact",
                ["key_id"] = claims is null ? null : JwtPassToken.KeyIdText(claims.KeyId),
                ["pass_id"] = claims?.PassId,
                ["event_id"] = claims?.EventId,
                ["valid_from"] = claims?.ValidFrom,
                ["valid_until"] = claims?.ValidUntil,
            }));
        }
        else
        {
            console.Out.WriteLine(verdict == PassVerdict.Valid
                ? $"valid: pass {parsed!.Claims.PassId} for event {parsed.Claims.EventId}, {parsed.Claims.ValidFrom:u} to {parsed.Claims.ValidUntil:u}, key {JwtPassToken.KeyIdText(parsed.Claims.KeyId)}"
                : $"{name}: {Explain(verdict, parsed)}");
        }

        return verdict == PassVerdict.Valid ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static string Explain(PassVerdict verdict, ParsedToken? token) => verdict switch
    {
        PassVerdict.Malformed => "not a QrForge pass token",
        PassVerdict.UnknownKey => $"key {JwtPassToken.KeyIdText(token!.Claims.KeyId)} is not in the key file (unknown or retired)",
        PassVerdict.Tampered => "the signature does not match the token (changed or forged)",
        PassVerdict.NotYetValid => $"valid from {token!.Claims.ValidFrom:u}",
        PassVerdict.Expired => $"expired at {token!.Claims.ValidUntil:u}",
        _ => verdict.ToString(),
    };
}
