using CsCheck;
using QrForge.Server.Passes;

namespace QrForge.Server.Tests.Passes;

public sealed class Base45Tests
{
    // RFC 9285 §4.3 and §4.4.
    [Theory]
    [InlineData("AB", "BB8")]
    [InlineData("Hello!!", "%69 VD92EX0")]
    [InlineData("base-45", "UJCLQE7W581")]
    [InlineData("ietf!", "QED8WEX0")]
    [InlineData("", "")]
    public void Encode_RfcExamples_MatchRfc(string text, string encoded)
    {
        Assert.Equal(encoded, Base45.Encode(System.Text.Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, System.Text.Encoding.ASCII.GetString(Base45.Decode(encoded)!));
    }

    [Theory]
    [InlineData("GGW")] // 65536: one more than two bytes hold (RFC 9285 §6)
    [InlineData(":::")]
    [InlineData("A")] // a length of 1 modulo 3
    [InlineData("BB8A")]
    [InlineData("bb8")] // lower case is not in the alphabet
    [InlineData("BB!")]
    [InlineData("Ü0")]
    [InlineData("::")] // 2024 > 255 for a final pair
    public void Decode_InvalidText_ReturnsNull(string text) => Assert.Null(Base45.Decode(text));

    [Fact]
    public void RoundTrip_AnyBytes_DecodeGivesThemBack() =>
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var text = Base45.Encode(bytes);
            Assert.Equal(Base45.EncodedLength(bytes.Length), text.Length);
            Assert.Equal(bytes, Base45.Decode(text));
        });

    [Fact]
    public void Decode_AnyText_NeverThrowsAndIsCanonical() =>
        Gen.String[Gen.Char["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:a!"], 0, 30].Sample(text =>
        {
            if (Base45.Decode(text) is { } bytes)
            {
                Assert.Equal(text, Base45.Encode(bytes)); // one encoding per byte string
            }
        });
}
