using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using QrForge.Cli.Hosting;

namespace QrForge.Cli.Doctor;

/// <summary>
/// <c>qrforge doctor</c>: checks a deployment from the machine it runs on and prints a checklist (or JSON with
/// <c>--json</c>). Exit code 0 when nothing failed (warnings allowed), 1 when a check failed, 2 for bad arguments.
/// </summary>
internal static class DoctorCommand
{
    // The doctor reports failures itself; the framework's own log lines (EF's connection errors, the cache's
    // Redis warnings) would only repeat them. A later --Logging:… setting after -- still wins.
    private static readonly string[] Quiet =
    [
        "--Logging:LogLevel:Default=None",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
        "--Logging:LogLevel:Microsoft.AspNetCore=None",
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Command Create(CliConsole console)
    {
        var json = CliOptions.Flag("--json", "Print the checks as JSON (for monitoring and scripts).");
        var settings = ServerCommands.Settings();
        var command = new Command("doctor", "Check the configuration, database, Redis, images, cache, keys, clock and disk.") { json, settings };
        command.SetAction(async (r, ct) =>
        {
            List<DoctorCheck> checks;
            IHost? host = null;
            try
            {
                host = CliHost.Build([.. Quiet, .. r.GetValue(settings) ?? []]);
                checks = await new Doctor(host.Services).RunAsync(ct);
            }
            catch (CliUsageException e)
            {
                checks = [new DoctorCheck("configuration", CheckStatus.Fail, e.Message)];
            }
            finally
            {
                host?.Dispose();
            }

            var failed = checks.Any(c => c.Status == CheckStatus.Fail);
            if (r.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new { Ok = !failed, Checks = checks }, Json));
            }
            else
            {
                Print(console.Out, checks);
            }

            return failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static void Print(TextWriter output, List<DoctorCheck> checks)
    {
        var width = checks.Max(c => c.Name.Length);
        foreach (var check in checks)
        {
            var mark = check.Status switch
            {
                CheckStatus.Ok => "[ ok ]",
                CheckStatus.Warn => "[warn]",
                CheckStatus.Fail => "[FAIL]",
                _ => "[skip]",
            };
            output.WriteLine($"{mark} {check.Name.PadRight(width)}  {check.Detail}");
        }

        var count = (CheckStatus s) => checks.Count(c => c.Status == s);
        output.WriteLine($"{count(CheckStatus.Ok)} ok, {count(CheckStatus.Warn)} warning(s), {count(CheckStatus.Fail)} failure(s), {count(CheckStatus.Skip)} skipped");
    }
}
