namespace QrForge.Cli.Tests;

/// <summary>
/// --split N (structured append). These wait on QrCode.EncodeStructuredAppend from the encoder, and the file and
/// terminal cases on the renderers too.
/// </summary>
public sealed class EncodeSplitTests
{
    private const string Message = "Structured append spreads one message over up to sixteen symbols; a reader joins them again.";

    [Fact]
    public void Split_WithOutput_WritesNumberedFiles()
    {
        using var dir = new TempDirectory();
        var path = dir.File("code.png");

        var result = TestCli.Run("encode", Message, "--split", "3", "-o", path);

        Assert.Equal(0, result.ExitCode);
        for (var i = 1; i <= 3; i++)
        {
            var part = dir.File($"code-{i}.png");
            Assert.True(File.Exists(part), part);
            Assert.Equal((byte)0x89, File.ReadAllBytes(part)[0]);
        }

        Assert.False(File.Exists(path));
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void Split_Info_IsArrayOfStructuredAppendSymbols()
    {
        var result = TestCli.Run("encode", Message, "--split", "4", "--info");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var symbols = result.Json().EnumerateArray().ToList();
        Assert.Equal(4, symbols.Count);
        Assert.All(symbols, s => Assert.Equal("structured_append", s.GetProperty("segments")[0].GetProperty("mode").GetString()));
    }

    [Fact]
    public void Split_InputBytes_IsArrayOfSymbols()
    {
        var result = TestCli.RunWithStdin(new byte[500], "encode", "--input", "-", "--split", "2", "--info");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(2, result.Json().GetArrayLength());
    }

    [Fact]
    public void Split_Auto_UsesTheFewestSymbols()
    {
        var result = TestCli.Run("encode", new string('a', 6000), "--split", "auto", "--info");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(3, result.Json().GetArrayLength());
    }

    [Fact]
    public void Split_MoreSymbolsThanCharacters_ExitsTwoNamingSplit()
    {
        var result = TestCli.Run("encode", "hi", "--split", "16", "--info");

        Assert.Equal(2, result.ExitCode);
        EncodeArgumentTests.AssertOneErrorLine(result, "--split");
    }

    [Fact]
    public void Split_PartsTooLong_ExitsThree()
    {
        var result = TestCli.Run("encode", new string('a', 6000), "--split", "2", "--info");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("qrforge: data too long: needs", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_WithoutOutput_DrawsEachSymbolWithAHeader()
    {
        var result = TestCli.Run("encode", Message, "--split", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Symbol 1 of 2", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Symbol 2 of 2", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code.png", 3, "code-3.png")]
    [InlineData("out/code.svg", 1, "out/code-1.svg")]
    [InlineData("code", 2, "code-2")]
    [InlineData("my.code.pdf", 12, "my.code-12.pdf")]
    public void SplitPath_NumbersBeforeTheExtension(string output, int number, string expected)
    {
        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), EncodeOutput.SplitPath(output, number));
    }
}
