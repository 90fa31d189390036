using System.Net;
using System.Net.Sockets;

namespace QrForge.Server.Edge;

/// <summary>
/// A parsed list of networks (CIDR) and single addresses from configuration. IPv4-mapped IPv6 addresses
/// (<c>::ffff:10.1.2.3</c>, what a dual-mode socket reports) are compared as the IPv4 address they carry.
/// Immutable and thread-safe.
/// </summary>
public sealed class NetworkList
{
    /// <summary>Loopback only: <c>127.0.0.0/8</c> and <c>::1/128</c>.</summary>
    public static readonly NetworkList Loopback = new([new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)]);

    private readonly IPNetwork[] _networks;

    private NetworkList(IPNetwork[] networks) => _networks = networks;

    /// <summary>The networks, in configuration order.</summary>
    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary>True when the address (null: unknown, never contained) lies in one of the networks.</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        address = Normalize(address);
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses entries such as <c>10.0.0.0/8</c>, <c>192.168.1.7</c> or <c>2001:db8::/32</c>; an entry may hold several
    /// separated by commas. Returns false and the first bad entry when one does not parse.
    /// </summary>
    public static bool TryParse(IEnumerable<string> entries, out NetworkList list, out string? invalid)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            foreach (var part in (entry ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TryParseOne(part, out var network))
                {
                    list = new([]);
                    invalid = part;
                    return false;
                }

                networks.Add(network);
            }
        }

        list = new([.. networks]);
        invalid = null;
        return true;
    }

    /// <summary>Parses entries already checked at start (<see cref="EdgeOptionsValidator"/>).</summary>
    public static NetworkList Parse(IEnumerable<string> entries) =>
        TryParse(entries, out var list, out var invalid) ? list : throw new FormatException($"'{invalid}' is not an IP address or CIDR network.");

    /// <summary>The IPv4 address carried by an IPv4-mapped IPv6 address; any other address unchanged.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool TryParseOne(string text, out IPNetwork network)
    {
        if (text.Contains('/', StringComparison.Ordinal))
        {
            // Set bits after the prefix ("10.1.2.3/8") are refused rather than masked: such an entry is a typo for
            // either a single address or a network, and guessing the wider one would trust too much.
            if (IPNetwork.TryParse(text, out network) && IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/', StringComparison.Ordinal)), out var written) && written.Equals(network.BaseAddress))
            {
                network = new IPNetwork(Normalize(network.BaseAddress), network.BaseAddress.IsIPv4MappedToIPv6 ? Math.Max(0, network.PrefixLength - 96) : network.PrefixLength);
                return true;
            }

            return false;
        }

        if (IPAddress.TryParse(text, out var address) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
        {
            address = Normalize(address);
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }
}
