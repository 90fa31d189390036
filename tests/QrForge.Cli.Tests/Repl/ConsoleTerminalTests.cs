using System.Diagnostics;

namespace QrForge.Cli.Tests.Repl;

/// <summary>
/// <c>qrforge console</c> on a real pseudo-terminal: the built tool runs inside tmux (a server of its own on a
/// private socket); the test types keys and reads the screen.
/// </summary>
public sealed class ConsoleTerminalTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _socket = "qrforge-test-" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose()
    {
        Tmux("kill-server");
        _dir.Dispose();
    }

    [Fact]
    public void Console_Terminal_EncodeShownCompletionOffersAMemberAndHistoryKeptAcrossSessions()
    {
        Start("one");
        WaitFor("one", "qrforge>");
        Type("one", "Encode(\"HI\")");
        Keys("one", "Enter");
        var screen = WaitFor("one", "QrCode: version 1");
        Assert.Contains("▀", screen, StringComparison.Ordinal);

        Type("one", "Encode(\"x\").Vers");
        Keys("one", "Tab");
        WaitFor("one", "Encode(\"x\").Version");
        Keys("one", "Enter");
        WaitFor("one", "\n1\n");

        // Ctrl+C cancels the running line, not the console.
        Type("one", "await Task.Delay(120_000, Ct)");
        Keys("one", "Enter");
        Thread.Sleep(1000);
        Keys("one", "C-c");
        WaitFor("one", "cancelled");
        Type("one", "6 * 7");
        Keys("one", "Enter");
        WaitFor("one", "\n42\n");
        Keys("one", "C-d");
        WaitForExit("one");

        Start("two");
        WaitFor("two", "qrforge>");
        Keys("two", "Up");
        WaitFor("two", "qrforge> 6 * 7");
        Keys("two", "Up");
        Keys("two", "Up");
        WaitFor("two", "qrforge> Encode(\"x\").Version");
        Keys("two", "C-u"); // Ctrl+D leaves only from an empty line
        Keys("two", "C-d");
        WaitForExit("two");
        Assert.Equal(4, File.ReadAllLines(_dir.File("history")).Length);
    }

    private void Start(string name)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "qrforge.dll");
        var launcher = _dir.File(name + ".sh");
        File.WriteAllText(launcher, $"""
            #!/bin/sh
            export QRFORGE_CONSOLE_HISTORY='{_dir.File("history")}'
            exec dotnet '{dll}' console -- '--QrForge:Database:ConnectionString=Data Source={_dir.File("q.db")}' '--Logging:LogLevel:Default=None'
            """);
        Tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", "sh " + launcher);
    }

    private void Type(string name, string text) => Tmux("send-keys", "-t", name, "-l", text);

    private void Keys(string name, string key) => Tmux("send-keys", "-t", name, key);

    private string WaitFor(string name, string text)
    {
        var deadline = Stopwatch.StartNew();
        var screen = "";
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            screen = Tmux("capture-pane", "-p", "-t", name);
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            Thread.Sleep(200);
        }

        throw new Xunit.Sdk.XunitException($"'{text}' did not appear on the screen:\n{screen}");
    }

    private void WaitForExit(string name)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (!Tmux("list-sessions", "-F", "#{session_name}").Split('\n').Contains(name))
            {
                return;
            }

            Thread.Sleep(200);
        }

        throw new Xunit.Sdk.XunitException($"the console in session {name} did not exit on Ctrl+D");
    }

    private string Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
