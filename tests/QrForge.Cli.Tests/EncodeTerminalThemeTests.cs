namespace QrForge.Cli.Tests;

/// <summary>
/// What qrforge draws in a terminal must scan on a dark theme too: a screenshot of the output in a dark theme's
/// colours is read by zbar. Plain half blocks on a dark theme show a negative, the control that proves the
/// screenshot check can fail.
/// </summary>
public class EncodeTerminalThemeTests
{
    private const string Url = "https://qr.example.com/r/AbCd1234";

    [Fact]
    public void Terminal_ColourTerminalOnDarkTheme_ZbarReadsTheScreenshot()
    {
        using var dir = new TempDirectory();
        var result = TestCli.RunInColourTerminal("encode", Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\u001b[", result.Stdout, StringComparison.Ordinal);
        TerminalScreenshot.Save(result.Stdout, TerminalScreenshot.Dark, dir.File("dark.pgm"));
        Assert.Equal(Url, TerminalScreenshot.Zbar(dir.File("dark.pgm")));
    }

    [Fact]
    public void Terminal_PlainHalfBlocksOnDarkTheme_ShowANegativeZbarCannotRead()
    {
        using var dir = new TempDirectory();
        var result = TestCli.Run("encode", Url);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal); // redirected output stays plain text
        TerminalScreenshot.Save(result.Stdout, TerminalScreenshot.Dark, dir.File("negative.pgm"));
        Assert.Null(TerminalScreenshot.Zbar(dir.File("negative.pgm")));
    }

    [Fact]
    public void Terminal_ColourTerminalWithFormatTxt_KeepsPlainHalfBlocks()
    {
        var result = TestCli.RunInColourTerminal("encode", Url, "--format", "txt");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }
}
