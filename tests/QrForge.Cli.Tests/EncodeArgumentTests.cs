namespace QrForge.Cli.Tests;

/// <summary>Bad arguments: exit code 2 and one line on standard error that names the option.</summary>
public sealed class EncodeArgumentTests
{
    public static TheoryData<string[], string> BadArguments => new()
    {
        // Values that do not parse or are out of range.
        { ["--scale", "abc"], "--scale" },
        { ["--scale", "0"], "--scale" },
        { ["--scale", "99999999999"], "--scale" },
        { ["--size", "0"], "--size" },
        { ["--border", "-1"], "--border" },
        { ["--mask", "8"], "--mask" },
        { ["--mask", "x"], "--mask" },
        { ["--ecc", "X"], "--ecc" },
        { ["--version", "41"], "--version" },
        { ["--version", "0"], "--version" },
        { ["--version", "M5"], "--version" },
        { ["--version", "seven"], "--version" },
        { ["--min-version", "0"], "--min-version" },
        { ["--max-version", "50"], "--max-version" },
        { ["--mode", "ternary"], "--mode" },
        { ["--eci", "klingon"], "--eci" },
        { ["--eci", "1000000"], "--eci" },
        { ["--format", "jpg"], "--format" },
        { ["--shape", "star"], "--shape" },
        { ["--split", "0"], "--split" },
        { ["--split", "17"], "--split" },
        // Unknown options and missing values.
        { ["--colour", "red"], "--colour" },
        { ["--unknown"], "--unknown" },
        { ["--scale"], "--scale" },
        // Options that cannot go together.
        { ["--micro", "--mask", "5"], "--mask" },
        { ["--micro", "--eci", "utf8"], "--eci" },
        { ["--micro", "--gs1"], "--gs1" },
        { ["--micro", "--split", "2"], "--split" },
        { ["--micro", "--version", "7"], "--version" },
        { ["--version", "M2", "--max-version", "M3"], "--version" },
        { ["--version", "3", "--min-version", "2"], "--version" },
        { ["--min-version", "5", "--max-version", "3"], "--min-version" },
        { ["--scale", "3", "--size", "100"], "--scale" },
        { ["--format", "png"], "--format" },
        { ["--format", "pdf"], "--format" },
        { ["-o", "out.jpg"], "--output" },
        { ["-o", "noextension"], "--output" },
        // Encoder refusals, reported against the option that caused them.
        { ["--mode", "numeric"], "--mode" },
        { ["--micro", "--ecc", "H"], "--ecc" },
        { ["--eci", "3", "--mode", "byte", "--", "€"], "--eci" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Encode_BadArgument_ExitsTwoNamingTheOption(string[] arguments, string option)
    {
        // Text after the options unless the case gives its own (after "--").
        string[] args = arguments.Contains("--") ? ["encode", .. arguments] : ["encode", "HELLO", .. arguments];

        var result = TestCli.Run(args);

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, option);
    }

    [Fact]
    public void Encode_TextAndInput_ExitsTwoNamingInput()
    {
        using var dir = new TempDirectory();
        var file = dir.File("data.bin");
        File.WriteAllBytes(file, [1, 2, 3]);

        var result = TestCli.Run("encode", "HELLO", "--input", file);

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "--input");
    }

    [Fact]
    public void Encode_InputFileMissing_ExitsTwoNamingInput()
    {
        using var dir = new TempDirectory();

        var result = TestCli.Run("encode", "--input", dir.File("missing.bin"));

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "--input");
    }

    [Fact]
    public void Encode_InputIsDirectory_ExitsTwoNamingInput()
    {
        using var dir = new TempDirectory();

        var result = TestCli.Run("encode", "--input", dir.Path);

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "--input");
    }

    [Fact]
    public void Encode_ModeWithInputBytes_ExitsTwoNamingMode()
    {
        using var dir = new TempDirectory();
        var file = dir.File("data.bin");
        File.WriteAllBytes(file, [1, 2, 3]);

        var result = TestCli.Run("encode", "--input", file, "--mode", "numeric");

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "--mode");
    }

    [Fact]
    public void Encode_InputDashWithTerminalStdin_ExitsTwoNamingInput()
    {
        var result = TestCli.Run("encode", "--input", "-");

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "--input");
    }

    [Fact]
    public void Encode_NoDataAndTerminalStdin_ExitsTwo()
    {
        var result = TestCli.Run("encode");

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "TEXT");
    }

    [Fact]
    public void Encode_StdinNotUtf8Text_ExitsTwo()
    {
        var result = TestCli.RunWithStdin(new byte[] { 0xFF, 0xFE, 0x00 }, "encode", "--info");

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "--input -");
    }

    [Fact]
    public void Encode_TwoTexts_ExitsTwo()
    {
        var result = TestCli.Run("encode", "one", "two");

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "'two'");
    }

    [Fact]
    public void Encode_TextStartingWithDashAfterDoubleDash_IsData()
    {
        var result = TestCli.Run("encode", "--info", "--", "-5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Json().GetProperty("segments")[0].GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Encode_TextStartingWithAt_IsDataNotAResponseFile()
    {
        var result = TestCli.Run("encode", "--info", "@someone");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(8, result.Json().GetProperty("segments")[0].GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Root_NoCommand_ExitsTwo()
    {
        var result = TestCli.Run();

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("qrforge: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Help_ExitsZeroListingOptions()
    {
        var result = TestCli.Run("encode", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--ecc", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--split", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Encode_BadColour_ExitsTwoNamingTheOption()
    {
        // Waits on the renderers: Rgba.TryParse is not implemented until they land.
        var result = TestCli.Run("encode", "HELLO", "--dark", "12345G");

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result, "--dark");
    }

    internal static void AssertOneErrorLine(CliResult result, string expected)
    {
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("qrforge: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
