using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QrForge.Server.Links;
using QrForge.Server.Scans;

namespace QrForge.Server.Tests.Links;

/// <summary>
/// The country of a scan from a MaxMind database file. The suite cannot download GeoLite2, so the test writes a
/// tiny database in the MaxMind DB format (spec 2.0): 127.0.0.0/8 is in the Netherlands, nothing else is known.
/// </summary>
public sealed class GeoIpTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"qrforge-geo-{Guid.NewGuid():N}.mmdb");

    public GeoIpTests() => File.WriteAllBytes(_file, TinyCountryDatabase(prefix: 127, prefixBits: 8, isoCode: "NL"));

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Enrich_AddressInTheDatabase_GetsItsCountry_OthersNone_HeaderWins()
    {
        var options = Options.Create(new LinksOptions { GeoIpDatabasePath = _file });
        using var enricher = new ScanEnricher(options, NullLogger<ScanEnricher>.Instance);
        ScanEvent At(string ip, string? header) =>
            new(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch, true, "curl/8", null, IPAddress.Parse(ip), header);

        Assert.Equal("NL", enricher.Enrich(At("127.0.0.9", null)).Country);
        Assert.Null(enricher.Enrich(At("10.1.2.3", null)).Country);
        Assert.Equal("FR", enricher.Enrich(At("127.0.0.9", "fr")).Country);
    }

    // One IPv4 network with a country record; 24-bit records; every other branch leads to "no data".
    private static byte[] TinyCountryDatabase(byte prefix, int prefixBits, string isoCode)
    {
        var nodes = prefixBits;
        var data = Map(("country", Map(("iso_code", Text(isoCode)))));
        var pointer = nodes + 16; // data offset 0, past the 16-byte separator
        var tree = new List<byte>();
        for (var i = 0; i < nodes; i++)
        {
            var bit = (prefix >> (7 - i)) & 1;
            var next = i + 1 < nodes ? i + 1 : pointer;
            var (left, right) = bit == 0 ? (next, nodes) : (nodes, next);
            tree.AddRange(Record24(left));
            tree.AddRange(Record24(right));
        }

        var metadata = Map(
            ("node_count", Unsigned(6, (uint)nodes)),
            ("record_size", Unsigned(5, 24)),
            ("ip_version", Unsigned(5, 4)),
            ("database_type", Text("GeoLite2-Country")),
            ("languages", [0x01, 0x04, .. Text("en")]),
            ("binary_format_major_version", Unsigned(5, 2)),
            ("binary_format_minor_version", [0xA0]),
            ("build_epoch", [0x04, 0x02, 0x69, 0x00, 0x00, 0x00]),
            ("description", Map(("en", Text("QrForge test database")))));
        return [.. tree, .. new byte[16], .. data, 0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8.ToArray(), .. metadata];
    }

    private static byte[] Record24(int value) => [(byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Text(string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        return [(byte)(0x40 | bytes.Length), .. bytes];
    }

    // uint16 (type 5) or uint32 (type 6), always 4 payload bytes trimmed to the significant ones.
    private static byte[] Unsigned(int type, uint value)
    {
        Span<byte> big = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(big, value);
        var significant = big.TrimStart((byte)0).ToArray();
        return [(byte)((type << 5) | significant.Length), .. significant];
    }

    private static byte[] Map(params (string Key, byte[] Value)[] pairs)
    {
        var result = new List<byte> { (byte)(0xE0 | pairs.Length) };
        foreach (var (key, value) in pairs)
        {
            result.AddRange(Text(key));
            result.AddRange(value);
        }

        return [.. result];
    }
}
