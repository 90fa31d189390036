namespace QrForge.Cli.Tests;

/// <summary><c>qrforge decode</c>, on images made by <c>qrforge encode</c> in the same test.</summary>
public sealed class DecodeCommandTests
{
    [Fact]
    public void Decode_EncodedPng_PrintsText()
    {
        using var dir = new TempDirectory();
        var path = dir.File("hello.png");
        Assert.Equal(0, TestCli.Run("encode", "Hello, decode!", "-o", path).ExitCode);

        var result = TestCli.Run("decode", path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("Hello, decode!" + Environment.NewLine, result.Stdout);
    }

    [Fact]
    public void Decode_Json_ReportsSymbolFields()
    {
        using var dir = new TempDirectory();
        var path = dir.File("json.png");
        Assert.Equal(0, TestCli.Run("encode", "JSON 123", "--ecc", "Q", "--version", "3", "--mask", "5", "-o", path).ExitCode);

        var result = TestCli.Run("decode", "--json", path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var symbol = Assert.Single(result.Json().EnumerateArray());
        Assert.Equal("JSON 123", symbol.GetProperty("text").GetString());
        Assert.Equal(3, symbol.GetProperty("version").GetInt32());
        Assert.Equal("Q", symbol.GetProperty("ecc").GetString());
        Assert.Equal(5, symbol.GetProperty("mask").GetInt32());
        Assert.Equal(4, symbol.GetProperty("corners").GetArrayLength());
        Assert.Equal(path, symbol.GetProperty("file").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, symbol.GetProperty("structured_append").ValueKind);
    }

    [Fact]
    public void Decode_SplitFilesWithJoin_PrintsMessageOnce()
    {
        using var dir = new TempDirectory();
        const string message = "One message over three symbols, joined again by qrforge decode --join.";
        Assert.Equal(0, TestCli.Run("encode", message, "--split", "3", "-o", dir.File("part.png")).ExitCode);
        var parts = Enumerable.Range(1, 3).Select(i => dir.File($"part-{i}.png")).Reverse().ToArray();

        var result = TestCli.Run(["decode", "--join", .. parts]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(message + Environment.NewLine, result.Stdout);
    }

    [Fact]
    public void Decode_StandardInput_PrintsText()
    {
        using var dir = new TempDirectory();
        var path = dir.File("stdin.png");
        Assert.Equal(0, TestCli.Run("encode", "from stdin", "-o", path).ExitCode);

        var result = TestCli.RunWithStdin(File.ReadAllBytes(path), "decode", "-");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("from stdin" + Environment.NewLine, result.Stdout);
    }

    [Fact]
    public void Decode_NotAnImage_ExitsOneWithReason()
    {
        using var dir = new TempDirectory();
        var path = dir.File("notes.txt");
        File.WriteAllText(path, "not an image at all");

        var result = TestCli.Run("decode", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("notes.txt", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ImageWithoutSymbol_ExitsOne()
    {
        using var dir = new TempDirectory();
        var path = dir.File("blank.png");

        // A symbol drawn in one colour on the same colour is an image without a readable code.
        Assert.Equal(0, TestCli.Run("encode", "invisible", "--dark", "FFFFFF", "-o", path).ExitCode);

        var result = TestCli.Run("decode", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No QR Code", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MissingFile_IsUsageError()
    {
        var result = TestCli.Run("decode", "/nonexistent/qrforge/image.png");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Stderr, StringComparison.Ordinal);
    }
}
