using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;

namespace QrForge.Cli.Repl;

/// <summary>
/// <c>qrforge console [SCRIPT]</c>: a C# REPL over the application's services on the configured database, or, with a
/// script file, that script run once (its <c>return</c> value is the exit code). Lines come from the line editor on
/// a terminal, or are read from standard input when it is redirected (each complete submission runs in turn).
/// </summary>
internal static class ConsoleCommand
{
    private const string Prompt = "qrforge> ";
    private const string More = "     ... ";

    // The framework's log lines would interleave with the console's own output; --Logging:… after -- still wins.
    private static readonly string[] Quiet = ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning", "--Logging:Format=text"];

    public static Command Create(CliConsole console)
    {
        var script = new Argument<string?>("SCRIPT") { Description = "A .csx file to run instead of the interactive prompt.", Arity = ArgumentArity.ZeroOrOne };
        var sandbox = CliOptions.Flag("--sandbox", "Run everything in one transaction that is rolled back on exit.");
        var readOnly = CliOptions.Flag("--read-only", "Refuse every change to the database.");
        var settings = ServerCommands.Settings();
        var command = new Command("console", "A C# console with the application's services in scope (#help inside).") { script, sandbox, readOnly, settings };
        command.SetAction(async (r, ct) =>
        {
            var file = r.GetValue(script);
            var overrides = r.GetValue(settings) ?? [];
            if (file is not null && file.StartsWith('-'))
            {
                // No script: the first word after -- is a setting, not a file.
                overrides = [file, .. overrides];
                file = null;
            }

            if (file is not null && !File.Exists(file))
            {
                throw new CliUsageException($"SCRIPT: '{file}' does not exist");
            }

            var started = Stopwatch.GetTimestamp();
            await using var session = await ConsoleSession.StartAsync([.. Quiet, .. overrides], r.GetValue(sandbox), r.GetValue(readOnly), console.Out, console.Error, ct);
            if (file is not null)
            {
                return await RunFileAsync(session, file, console, ct);
            }

            var interactive = console.In is null;
            if (interactive)
            {
                await console.Out.WriteLineAsync(Banner(session, r.GetValue(readOnly), Stopwatch.GetElapsedTime(started)));
                return await InteractiveAsync(session, console, ct);
            }

            return await PipedAsync(session, console, ct);
        });
        return command;
    }

    /// <summary>The script file as one submission; exit code: its int return value, 0, 1 if it threw, 2 if it did not compile.</summary>
    private static async Task<int> RunFileAsync(ConsoleSession session, string file, CliConsole console, CancellationToken ct)
    {
        var code = await File.ReadAllTextAsync(file, ct);
        var script = CSharpScript.Create(code, session.Options.WithFilePath(Path.GetFullPath(file)), typeof(ConsoleGlobals));
        var errors = script.Compile(ct).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await console.Error.WriteLineAsync(error.ToString());
            }

            return ExitCodes.Usage;
        }

        session.Globals.Ct = ct;
        try
        {
            var state = await script.RunAsync(session.Globals, ct);
            return state.ReturnValue is int exit ? exit : ExitCodes.Success;
        }
#pragma warning disable CA1031 // The script's failure is reported as the script's, with exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"{file}: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Standard input redirected: each complete submission runs; exit code 1 when any failed.</summary>
    private static async Task<int> PipedAsync(ConsoleSession session, CliConsole console, CancellationToken ct)
    {
        using var reader = new StreamReader(console.In!, System.Text.Encoding.UTF8, leaveOpen: true);
        var pending = new StringBuilder();
        var failed = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            pending.Append(line).Append('\n');
            var text = pending.ToString();
            if (!text.TrimStart().StartsWith('#') && !ConsoleSession.IsComplete(text))
            {
                continue;
            }

            pending.Clear();
            var outcome = await ExecuteAsync(session, text.Trim(), console, ct);
            if (outcome is null)
            {
                break;
            }

            failed |= outcome != SubmissionOutcome.Ran;
        }

        if (pending.ToString().Trim() is { Length: > 0 } rest)
        {
            failed |= await ExecuteAsync(session, rest, console, ct) is not SubmissionOutcome.Ran;
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async Task<int> InteractiveAsync(ConsoleSession session, CliConsole console, CancellationToken ct)
    {
        var history = History.Load(Environment.GetEnvironmentVariable("QRFORGE_CONSOLE_HISTORY") is { Length: > 0 } path ? path : History.DefaultPath);
        var editor = new LineEditor(history, session.Complete);
        CancellationTokenSource? running = null;
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // Ctrl+C while a line runs cancels that line, not the console.
            if (running is { } line)
            {
                e.Cancel = true;
                line.Cancel();
            }
        }

        System.Console.CancelKeyPress += OnCancel;
        try
        {
            var pending = new StringBuilder();
            while (!ct.IsCancellationRequested)
            {
                System.Console.TreatControlCAsInput = true;
                var line = editor.ReadLine(pending.Length == 0 ? Prompt : More, pending.ToString());
                System.Console.TreatControlCAsInput = false;
                if (line is null)
                {
                    return ExitCodes.Success;
                }

                if (line.Length == 0 && pending.Length == 0)
                {
                    continue;
                }

                pending.Append(line).Append('\n');
                var text = pending.ToString();
                if (line.Length > 0 && !text.TrimStart().StartsWith('#') && !ConsoleSession.IsComplete(text))
                {
                    continue;
                }

                pending.Clear();
                history.Add(text.Trim());
                using (running = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    if (await ExecuteAsync(session, text.Trim(), console, running.Token) is null)
                    {
                        return ExitCodes.Success;
                    }
                }

                running = null;
                await console.Out.FlushAsync(ct);
            }

            return ExitCodes.Success;
        }
        finally
        {
            System.Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>Runs a <c>#</c> command or a submission; null means leave the console.</summary>
    private static async Task<SubmissionOutcome?> ExecuteAsync(ConsoleSession session, string text, CliConsole console, CancellationToken ct)
    {
        if (text.Length == 0)
        {
            return SubmissionOutcome.Ran;
        }

        if (text[0] == '#' && !text.StartsWith("#r ", StringComparison.Ordinal) && !text.StartsWith("#load ", StringComparison.Ordinal))
        {
            var word = text.Split(' ', 2, StringSplitOptions.TrimEntries);
            switch (word[0])
            {
                case "#exit" or "#quit":
                    return null;
                case "#help":
                    await console.Out.WriteLineAsync(Help);
                    return SubmissionOutcome.Ran;
                case "#tenant" when word.Length == 1:
                    await console.Out.WriteLineAsync($"tenant {session.Globals.TenantName} ({session.Globals.TenantId})");
                    return SubmissionOutcome.Ran;
                case "#tenant":
                    try
                    {
                        await console.Out.WriteLineAsync(await session.UseTenantAsync(word[1], ct));
                        return SubmissionOutcome.Ran;
                    }
                    catch (ArgumentException e)
                    {
                        await console.Error.WriteLineAsync(e.Message);
                        return SubmissionOutcome.Threw;
                    }

                default:
                    await console.Error.WriteLineAsync($"unknown command {word[0]} (#help lists them)");
                    return SubmissionOutcome.CompileError;
            }
        }

        var outcome = await session.SubmitAsync(text, ct);
        await console.Out.FlushAsync(CancellationToken.None);
        await console.Error.FlushAsync(CancellationToken.None);
        return outcome;
    }

    private static string Banner(ConsoleSession session, bool readOnly, TimeSpan startup) =>
        $"QrForge console on {session.Database}, tenant {session.Globals.TenantName}"
        + (session.IsSandbox ? " [sandbox: rolled back on exit]" : "")
        + (readOnly ? " [read-only]" : "")
        + $". Ready in {startup.TotalSeconds:0.0} s. #help lists what is in scope; Ctrl+D leaves.";

    internal const string Help = """
        In scope (the current tenant; #tenant NAME switches):
          Db          the database context: await Db.Codes.CountAsync(), Db.Links.Where(l => l.Slug == "x").ToList()
          Codes       stored codes:         (await Codes.ListAsync(null, 20, null, null, null, Ct)).Items
          Links       dynamic links:        await Links.FindAsync(id, Ct)
          Passes      passes:               (await Passes.ListAsync(null, 20, null, null, null, Ct)).Items
          Accounts    tenants and users;    Users (the tenant's users): Users.Select(u => u.Email).ToList()
          AddUserAsync(email, password, role)   add a user to the current tenant (audited as the console)
          CreateCodeAsync(data, label, hours)   store a code (in the sandbox transaction when --sandbox)
          Encode("text") / Encode("text", Ecc.H)  a QrCode, drawn in the terminal
          Png(symbol), Svg(symbol), Decode(bytes or path)
          Audit, Get<T>() (any service), Services, TenantId, TenantName, Ct (cancelled by Ctrl+C)
        Imported: System.Linq, Microsoft.EntityFrameworkCore, QrForge.Encoding/Rendering/Scanning, QrForge.Server.*
        Commands: #help, #tenant [NAME|ID], #exit. Top-level await works; a line without ';' shows its value.
        Keys: Tab completes, ↑/↓ history, Ctrl+C cancels the running line (or clears the typed one), Ctrl+D leaves.
        """;
}
