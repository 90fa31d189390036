namespace QrForge.Cli.Tests;

/// <summary>Traps a new user met in the first hour: sizes, empty input, mistyped commands.</summary>
public class EncodeFirstHourTests
{
    [Theory]
    [InlineData("100000")]
    [InlineData("20001")]
    [InlineData("0")]
    public void Size_OutOfRange_Exit2WithTheRange(string size)
    {
        var result = TestCli.Run("encode", "hello", "--size", size, "--output", "unused.png");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--size", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("1-20000", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_NotAMultipleOfTheModules_NotesTheWidthItRoundsTo()
    {
        using var dir = new TempDirectory();
        var result = TestCli.Run("encode", "hello", "--size", "100", "--output", dir.File("a.png"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        // Version 1 with the 4-module quiet zone is 29 modules: 3 px each, 87 px.
        Assert.Contains("--size 100: the image is 87 px wide (29 modules × 3 px", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(87, PngWidth(dir.File("a.png")));
    }

    [Fact]
    public void Size_AMultipleOfTheModules_IsExactAndSaysNothing()
    {
        using var dir = new TempDirectory();
        var result = TestCli.Run("encode", "hello", "--size", "290", "--output", dir.File("a.png"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Equal(290, PngWidth(dir.File("a.png")));
    }

    [Fact]
    public void Scale_ImageTooLarge_Exit2NamingScale()
    {
        using var dir = new TempDirectory();
        var result = TestCli.Run("encode", "hello", "--scale", "1000", "--output", dir.File("a.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("qrforge: --scale: The image would be 29000 pixels per side; the limit is 20000", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("a.png")));
    }

    [Fact]
    public void Border_TooWideForText_Exit2NamingBorder()
    {
        var result = TestCli.Run("encode", "hello", "--border", "500");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("qrforge: --border:", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Stdin_Empty_Exit2InsteadOfAnEmptySymbol(string stdin)
    {
        var result = TestCli.RunWithStdin(stdin, "encode", "--info");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("standard input is empty", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void InputDash_EmptyStdin_Exit2()
    {
        var result = TestCli.RunWithStdin([], "encode", "--input", "-", "--info");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("standard input is empty", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_EmptyArgument_StillMakesAnEmptySymbol()
    {
        var result = TestCli.Run("encode", "", "--info");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, result.Json().GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("encdoe", "encode")]
    [InlineData("decod", "decode")]
    [InlineData("ENCODE", "encode")]
    [InlineData("srve", "serve")]
    public void UnknownCommand_Typo_SuggestsTheClosest(string typed, string suggested)
    {
        var result = TestCli.Run(typed, "hello");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"qrforge: unknown command '{typed}': did you mean '{suggested}'? (see 'qrforge --help')", result.Stderr.Trim());
    }

    [Fact]
    public void UnknownSubcommand_Typo_SuggestsTheClosestInItsGroup()
    {
        var result = TestCli.Run("db", "migrat");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown command 'migrat': did you mean 'migrate'? (see 'qrforge db --help')", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_NothingClose_NamesItWithoutAGuess()
    {
        var result = TestCli.Run("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown command 'frobnicate'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", result.Stderr, StringComparison.Ordinal);
    }

    private static int PngWidth(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
    }
}
