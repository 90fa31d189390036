using TextEncoding = System.Text.Encoding;



namespace QrForge.Cli.Tests;

/// <summary>
/// Files and terminal output. Most of these need the real renderers (QrForge.Rendering) and fail with
/// "not implemented" until they land.
/// </summary>
public sealed class EncodeOutputTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [InlineData("code.png", null)]
    [InlineData("code.PNG", null)]
    [InlineData("code.bin", "png")]
    public void Output_Png_StartsWithPngSignature(string name, string? format)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name);

        var result = Encode(path, format);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(PngSignature, File.ReadAllBytes(path)[..8]);
    }

    [Theory]
    [InlineData("code.svg", null, "<svg")]
    [InlineData("code.png", "svg", "<svg")]
    [InlineData("code.pdf", null, "%PDF-")]
    [InlineData("code.eps", null, "%!PS-Adobe")]
    public void Output_ByFormat_HasTheFormatsMagic(string name, string? format, string magic)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name);

        var result = Encode(path, format);

        Assert.Equal(0, result.ExitCode);
        var head = TextEncoding.ASCII.GetString(File.ReadAllBytes(path).AsSpan(0, Math.Min(4096, (int)new FileInfo(path).Length)));
        if (magic == "<svg")
        {
            Assert.Contains(magic, head, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith(magic, head, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Output_Txt_HoldsHalfBlocks()
    {
        using var dir = new TempDirectory();
        var path = dir.File("code.txt");

        var result = Encode(path, null);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.ReadAllText(path).IndexOfAny(['▀', '▄', '█']) >= 0);
    }

    [Fact]
    public void Output_WithInfo_WritesFileAndPrintsJson()
    {
        using var dir = new TempDirectory();
        var path = dir.File("code.png");

        var result = TestCli.Run("encode", "HELLO WORLD", "--ecc", "Q", "-o", path, "--info");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(path));
        Assert.Equal(1, result.Json().GetProperty("version").GetInt32());
    }

    [Fact]
    public void Output_ExistingFile_IsReplaced()
    {
        using var dir = new TempDirectory();
        var path = dir.File("code.png");
        File.WriteAllText(path, "old content");

        var result = Encode(path, null);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(PngSignature, File.ReadAllBytes(path)[..8]);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Output_DirectoryMissing_ExitsOneAndLeavesNothing()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "no-such-dir", "code.png");

        var result = Encode(path, null);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("qrforge: cannot write", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Output_AnyFailure_LeavesNoPartialFile()
    {
        // Holds before and after the renderers land: whether rendering works or not, the directory ends up with
        // either the complete file or nothing, never a temporary.
        using var dir = new TempDirectory();
        var path = dir.File("code.svg");

        var result = Encode(path, null);

        var files = Directory.GetFiles(dir.Path);
        Assert.All(files, f => Assert.Equal(path, f));
        Assert.Equal(result.ExitCode == 0, File.Exists(path));
    }

    [Fact]
    public void Terminal_SmallCode_IsDrawnInHalfBlocks()
    {
        var result = TestCli.Run("encode", "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Stdout.IndexOfAny(['▀', '▄', '█']) >= 0);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Terminal_Ansi_UsesEscapeSequences()
    {
        var result = TestCli.Run("encode", "hello", "--format", "ansi");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_Border_ChangesTheDrawing()
    {
        var narrow = TestCli.Run("encode", "hello", "--border", "0");
        var wide = TestCli.Run("encode", "hello", "--border", "8");

        Assert.Equal(0, narrow.ExitCode);
        Assert.True(wide.Stdout.Length > narrow.Stdout.Length);
    }

    private static CliResult Encode(string path, string? format) =>
        format is null
            ? TestCli.Run("encode", "HELLO WORLD", "-o", path)
            : TestCli.Run("encode", "HELLO WORLD", "-o", path, "--format", format);
}
