using System.Text.Json;

namespace QrForge.Cli.Tests;

/// <summary>--info: the JSON report, and through it the encoding options the command passes on.</summary>
public sealed class EncodeInfoTests
{
    [Fact]
    public void Info_HelloWorldAtQ_IsVersion1AlphanumericEleven()
    {
        var result = TestCli.Run("encode", "HELLO WORLD", "--ecc", "Q", "--info");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var info = result.Json();
        Assert.Equal(1, info.GetProperty("version").GetInt32());
        Assert.Equal("1", info.GetProperty("version_name").GetString());
        Assert.False(info.GetProperty("micro").GetBoolean());
        Assert.Equal("Q", info.GetProperty("ecc").GetString());
        Assert.Equal(21, info.GetProperty("size").GetInt32());
        Assert.InRange(info.GetProperty("mask").GetInt32(), 0, 7);
        var segment = Assert.Single(info.GetProperty("segments").EnumerateArray());
        Assert.Equal("alphanumeric", segment.GetProperty("mode").GetString());
        Assert.Equal(11, segment.GetProperty("char_count").GetInt32());
        Assert.Equal(4 + 9 + 61, segment.GetProperty("bit_length").GetInt32()); // mode, count field, 5 pairs and a single
    }

    [Fact]
    public void Info_Default_IsEccM()
    {
        var info = Info("hello");

        Assert.Equal("M", info.GetProperty("ecc").GetString());
    }

    [Theory]
    [InlineData("L")]
    [InlineData("M")]
    [InlineData("Q")]
    [InlineData("H")]
    [InlineData("h")]
    public void Info_ForcedEcc_IsHonoured(string ecc)
    {
        var info = Info("hello", "--ecc", ecc);

        Assert.Equal(ecc.ToUpperInvariant(), info.GetProperty("ecc").GetString());
    }

    [Fact]
    public void Info_ForcedVersion_IsHonoured()
    {
        var info = Info("hello", "--version", "10");

        Assert.Equal(10, info.GetProperty("version").GetInt32());
        Assert.Equal(57, info.GetProperty("size").GetInt32());
    }

    [Fact]
    public void Info_MinVersion_IsHonoured()
    {
        var info = Info("hello", "--min-version", "5");

        Assert.Equal(5, info.GetProperty("version").GetInt32());
    }

    [Fact]
    public void Info_MaxVersionTooSmall_ExitsThree()
    {
        var result = TestCli.Run("encode", new string('A', 100), "--max-version", "2", "--info");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("version 2-M", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void Info_ForcedMask_IsHonoured(int mask)
    {
        var info = Info("hello", "--mask", mask.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(mask, info.GetProperty("mask").GetInt32());
    }

    [Theory]
    [InlineData("12345", "byte", "byte", 5)]
    [InlineData("12345", "alphanumeric", "alphanumeric", 5)]
    [InlineData("12345", "numeric", "numeric", 5)]
    [InlineData("12345", "auto", "numeric", 5)]
    [InlineData("点茗", "kanji", "kanji", 2)]
    public void Info_ForcedMode_IsHonoured(string text, string mode, string expectedMode, int expectedCount)
    {
        var info = Info(text, "--mode", mode);

        var segment = Assert.Single(info.GetProperty("segments").EnumerateArray());
        Assert.Equal(expectedMode, segment.GetProperty("mode").GetString());
        Assert.Equal(expectedCount, segment.GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Info_Micro_IsMicroSymbol()
    {
        var info = Info("12345", "--micro");

        Assert.True(info.GetProperty("micro").GetBoolean());
        Assert.StartsWith("M", info.GetProperty("version_name").GetString(), StringComparison.Ordinal);
        Assert.InRange(info.GetProperty("size").GetInt32(), 11, 17);
    }

    [Theory]
    [InlineData("--version", "M2")]
    [InlineData("--version", "m2")]
    public void Info_MicroVersionName_ImpliesMicro(string option, string version)
    {
        var info = Info("12345", option, version);

        Assert.True(info.GetProperty("micro").GetBoolean());
        Assert.Equal(2, info.GetProperty("version").GetInt32());
        Assert.Equal("M2", info.GetProperty("version_name").GetString());
        Assert.Equal(13, info.GetProperty("size").GetInt32());
    }

    [Fact]
    public void Info_MicroWithPlainVersion_MeansMicroVersion()
    {
        var info = Info("12345", "--micro", "--version", "3", "--mask", "2");

        Assert.Equal("M3", info.GetProperty("version_name").GetString());
        Assert.Equal(2, info.GetProperty("mask").GetInt32());
    }

    [Fact]
    public void Info_BoostEcc_RaisesTheLevel()
    {
        var info = Info("hi", "--boost-ecc");

        Assert.Equal("H", info.GetProperty("ecc").GetString());
    }

    [Theory]
    [InlineData("utf8", 26)]
    [InlineData("UTF-8", 26)]
    [InlineData("26", 26)]
    [InlineData("latin1", 3)]
    [InlineData("iso-8859-1", 3)]
    [InlineData("sjis", 20)]
    [InlineData("shift_jis", 20)]
    [InlineData("utf16be", 25)]
    public void Info_Eci_WritesDesignatorFirst(string eci, int assignment)
    {
        var info = Info("e", "--eci", eci);

        var segments = info.GetProperty("segments");
        Assert.Equal("eci", segments[0].GetProperty("mode").GetString());
        Assert.Equal(4 + 8, segments[0].GetProperty("bit_length").GetInt32()); // mode indicator and a one-byte number
        var bytes = segments[1].GetProperty("char_count").GetInt32();
        Assert.Equal(assignment == 25 ? 2 : 1, bytes);
    }

    [Fact]
    public void Info_Utf8Eci_CountsUtf8Bytes()
    {
        var info = Info("é", "--eci", "utf8");

        var segments = info.GetProperty("segments");
        Assert.Equal("byte", segments[1].GetProperty("mode").GetString());
        Assert.Equal(2, segments[1].GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Info_Gs1_WritesFnc1First()
    {
        var info = Info("01095011010209171719050810ABCD1234", "--gs1");

        Assert.Equal("fnc1_first", info.GetProperty("segments")[0].GetProperty("mode").GetString());
    }

    [Fact]
    public void Info_InputFile_EncodesBytes()
    {
        using var dir = new TempDirectory();
        var file = dir.File("all.bin");
        File.WriteAllBytes(file, Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());

        var result = TestCli.Run("encode", "--input", file, "--info");

        Assert.Equal(0, result.ExitCode);
        var segment = Assert.Single(result.Json().GetProperty("segments").EnumerateArray());
        Assert.Equal("byte", segment.GetProperty("mode").GetString());
        Assert.Equal(256, segment.GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Info_InputDigitsFile_StaysByteMode()
    {
        using var dir = new TempDirectory();
        var file = dir.File("digits.bin");
        File.WriteAllText(file, "0123456789");

        var result = TestCli.Run("encode", "--input", file, "--info");

        var segment = Assert.Single(result.Json().GetProperty("segments").EnumerateArray());
        Assert.Equal("byte", segment.GetProperty("mode").GetString());
        Assert.Equal(10, segment.GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Info_InputDash_EncodesStdinBytesAsGiven()
    {
        var result = TestCli.RunWithStdin(new byte[] { 0xFF, 0x00, 0x80, 0x0A }, "encode", "--input", "-", "--info");

        Assert.Equal(0, result.ExitCode);
        var segment = Assert.Single(result.Json().GetProperty("segments").EnumerateArray());
        Assert.Equal("byte", segment.GetProperty("mode").GetString());
        Assert.Equal(4, segment.GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Info_RedirectedStdinWithoutText_EncodesTextWithoutTheLineEnd()
    {
        var result = TestCli.RunWithStdin("HELLO WORLD\n", "encode", "--info");

        Assert.Equal(0, result.ExitCode);
        var segment = Assert.Single(result.Json().GetProperty("segments").EnumerateArray());
        Assert.Equal("alphanumeric", segment.GetProperty("mode").GetString());
        Assert.Equal(11, segment.GetProperty("char_count").GetInt32());
    }

    [Fact]
    public void Info_TextArgument_IgnoresRedirectedStdin()
    {
        var result = TestCli.RunWithStdin("something else entirely", "encode", "12345", "--info");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("numeric", result.Json().GetProperty("segments")[0].GetProperty("mode").GetString());
    }

    [Fact]
    public void Info_Alone_PrintsOnlyJson()
    {
        var result = TestCli.Run("encode", "hello", "--info");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(JsonValueKind.Object, result.Json().ValueKind); // would throw on anything but JSON
        Assert.StartsWith("{", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_DataTooLong_ExitsThreeWithTheNumbers()
    {
        var result = TestCli.Run("encode", new string('a', 3000), "--ecc", "H");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^qrforge: data too long: needs \d+ bits, version 40-H holds \d+$", line);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Encode_DataTooLongForMicro_NamesM4()
    {
        var result = TestCli.Run("encode", new string('1', 100), "--micro", "--info");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("version M4-", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_InputFileTooLong_ExitsThree()
    {
        using var dir = new TempDirectory();
        var file = dir.File("big.bin");
        File.WriteAllBytes(file, new byte[3000]);

        var result = TestCli.Run("encode", "--input", file, "--info");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("qrforge: data too long", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_InputBeyondReadLimit_ExitsThreeWithoutReadingItAll()
    {
        var result = TestCli.RunWithStdin(new byte[EncodeInput.MaxInputBytes + 1], "encode", "--input", "-", "--info");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("qrforge: data too long", result.Stderr, StringComparison.Ordinal);
    }

    private static JsonElement Info(string text, params string[] options)
    {
        var result = TestCli.Run(["encode", "--info", .. options, "--", text]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Empty(result.Stderr);
        return result.Json();
    }
}
