using System.Globalization;

namespace QrForge.Server.Links;

/// <summary>
/// Checks and normalises destination URLs: absolute <c>http</c>/<c>https</c> only, no user information,
/// bounded length, the host in ASCII (internationalised names as punycode, lower case), and the configured
/// domain allowlist and blocklist (a listed domain covers its subdomains).
/// </summary>
public static class Destinations
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The normalised URL, or null with <paramref name="error"/> set.</summary>
    public static string? Normalise(string? value, LinksOptions options, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "must be an absolute http or https URL.";
            return null;
        }

        if (value.Length > options.MaxDestinationLength)
        {
            error = $"must be at most {options.MaxDestinationLength} characters.";
            return null;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                error = "must not contain spaces or control characters.";
                return null;
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = "must be an absolute http or https URL.";
            return null;
        }

        if (uri.UserInfo.Length > 0 || Authority(value).Contains('@'))
        {
            error = "must not contain a user name or password.";
            return null;
        }

        var host = AsciiHost(uri);
        if (host is null)
        {
            error = "has a host name that is not valid.";
            return null;
        }

        if (options.BlockedDomains.Exists(d => Covers(d, host)))
        {
            error = $"the domain of '{host}' is blocked on this server.";
            return null;
        }

        if (options.AllowedDomains.Count > 0 && !options.AllowedDomains.Exists(d => Covers(d, host)))
        {
            error = $"the domain of '{host}' is not on this server's allowlist.";
            return null;
        }

        var hostPart = uri.HostNameType == UriHostNameType.IPv6 ? $"[{host}]" : host;
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var normalised = $"{uri.Scheme}://{hostPart}{port}{uri.PathAndQuery}{uri.Fragment}";
        if (normalised.Length > options.MaxDestinationLength)
        {
            error = $"must be at most {options.MaxDestinationLength} characters (after normalisation).";
            return null;
        }

        return normalised;
    }

    /// <summary>Whether <paramref name="domain"/> (as configured) is <paramref name="host"/> or a parent domain of it.</summary>
    public static bool Covers(string domain, string host)
    {
        var d = AsciiDomain(domain.Trim().TrimStart('.').TrimEnd('.'));
        if (string.IsNullOrEmpty(d))
        {
            return false;
        }

        return host.Equals(d, StringComparison.OrdinalIgnoreCase)
            || (host.Length > d.Length && host.EndsWith(d, StringComparison.OrdinalIgnoreCase) && host[host.Length - d.Length - 1] == '.');
    }

    // The text between "//" and the first '/', '?' or '#' (where user information would be).
    private static ReadOnlySpan<char> Authority(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal);
        var rest = start < 0 ? url.AsSpan() : url.AsSpan(start + 2);
        var end = rest.IndexOfAny('/', '?', '#');
        return end < 0 ? rest : rest[..end];
    }

    private static string? AsciiHost(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4)
        {
            return uri.Host;
        }

        if (uri.HostNameType is UriHostNameType.IPv6)
        {
            return uri.Host.Trim('[', ']');
        }

        if (uri.HostNameType is not UriHostNameType.Dns || uri.Host.Length == 0)
        {
            return null;
        }

        return AsciiDomain(uri.Host.TrimEnd('.'));
    }

    private static string? AsciiDomain(string host)
    {
        try
        {
            return Idn.GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            // Validation only (not a hot path): IdnMapping reports bad labels by throwing.
            return null;
        }
    }
}
