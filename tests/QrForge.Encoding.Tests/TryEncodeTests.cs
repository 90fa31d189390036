using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests;

/// <summary>
/// The <c>TryEncode*</c> forms answer false without any exception being thrown inside, so a caller that refuses
/// bad input on a hot path (the server's image endpoints) pays no exception. Each case counts the first-chance
/// exceptions thrown on the test's thread while it runs.
/// </summary>
public class TryEncodeTests
{
    public static TheoryData<string, string, QrEncodeOptions> RefusedTexts => new()
    {
        { "ECI 3 without the euro sign", "€", new QrEncodeOptions { Eci = 3 } },
        { "ECI 20 without emoji", "漢字😀", new QrEncodeOptions { Eci = 20 } },
        { "ECI 25 with a lone surrogate", "a\uD800b", new QrEncodeOptions { Eci = 25 } },
        { "an ECI with no text charset", "x", new QrEncodeOptions { Eci = 899 } },
        { "a forced numeric mode", "12a", new QrEncodeOptions { Mode = QrMode.Numeric } },
        { "a forced kanji mode", "abc", new QrEncodeOptions { Mode = QrMode.Kanji } },
        { "too long", new string('9', 8000), new QrEncodeOptions { Ecc = Ecc.H } },
        { "a mask out of range", "x", new QrEncodeOptions { Mask = 8 } },
        { "Micro QR with ECI", "x", new QrEncodeOptions { Micro = true, Eci = 26 } },
        { "Micro QR M1-M3 at H", "x", new QrEncodeOptions { Micro = true, Ecc = Ecc.H } },
        { "a bad application indicator", "x", new QrEncodeOptions { Fnc1 = QrFnc1.Second, ApplicationIndicator = "100" } },
    };

    [Theory]
    [MemberData(nameof(RefusedTexts))]
    public void TryEncodeText_RefusedText_ReturnsFalseWithoutThrowingInside(string because, string text, QrEncodeOptions options)
    {
        var thrown = CountThrown(() => Assert.False(QrCode.TryEncodeText(text, options, out _), because));
        Assert.Equal(0, thrown);
        Assert.ThrowsAny<ArgumentException>(() => QrCode.EncodeText(text, options)); // the throwing form still refuses it
    }

    [Theory]
    [InlineData("café", 3)]
    [InlineData("漢字カナ", 20)]
    [InlineData("a😀b", 25)]
    public void TryEncodeText_TextTheEciHolds_ReturnsTrueWithoutThrowingInside(string text, int eci)
    {
        var thrown = CountThrown(() => Assert.True(QrCode.TryEncodeText(text, new QrEncodeOptions { Eci = eci }, out _)));
        Assert.Equal(0, thrown);
    }

    [Fact]
    public void TryEncodeSegments_NullSegment_ReturnsFalseWithoutThrowingInside()
    {
        QrSegment[] segments = [QrSegment.MakeNumeric("12"), null!];
        var thrown = CountThrown(() => Assert.False(QrCode.TryEncodeSegments(segments, QrEncodeOptions.Default, out _)));
        Assert.Equal(0, thrown);
        Assert.Throws<ArgumentException>(() => QrCode.EncodeSegments(segments, QrEncodeOptions.Default));
    }

    [Fact]
    public void TryEncodeBinary_TooLong_ReturnsFalseWithoutThrowingInside()
    {
        var data = new byte[3000];
        var thrown = CountThrown(() => Assert.False(QrCode.TryEncodeBinary(data, QrEncodeOptions.Default, out _)));
        Assert.Equal(0, thrown);
    }

    [Fact]
    public void CountThrown_CaughtException_IsCounted()
    {
        // The negative control: the counter does see an exception thrown and caught inside the action.
        var thrown = CountThrown(() =>
        {
            try
            {
                _ = TextEncoding.GetEncoding("iso-8859-1", System.Text.EncoderFallback.ExceptionFallback, System.Text.DecoderFallback.ExceptionFallback).GetByteCount("€");
            }
            catch (System.Text.EncoderFallbackException)
            {
            }
        });
        Assert.Equal(1, thrown);
    }

    private static int CountThrown(Action action)
    {
        var thread = Environment.CurrentManagedThreadId;
        var count = 0;
        void OnThrown(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                Interlocked.Increment(ref count);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += OnThrown;
        try
        {
            action();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnThrown;
        }

        return count;
    }
}
