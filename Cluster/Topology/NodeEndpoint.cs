using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RedisAspire.Cluster.Topology;

/// <summary>A node's <c>host:port</c>; IPv6 addresses are written <c>[addr]:port</c>.</summary>
public readonly record struct NodeEndpoint(string Host, int Port)
{
    public static NodeEndpoint Parse(string text)
    {
        if (!TryParse(text, out var endpoint, out var error))
        {
            throw new FormatException(error);
        }

        return endpoint;
    }

    public static bool TryParse(string? text, out NodeEndpoint endpoint, out string error)
    {
        endpoint = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Endpoint is empty; expected host:port.";
            return false;
        }

        if (text.Any(char.IsWhiteSpace))
        {
            error = $"Endpoint '{text}' contains white space.";
            return false;
        }

        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"Endpoint '{text}' is not [ipv6]:port.";
                return false;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
            if (!IPAddress.TryParse(host, out var bracketed) || bracketed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"Endpoint '{text}' has '[{host}]', which is not an IPv6 address.";
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0)
            {
                error = $"Endpoint '{text}' has no port; expected host:port.";
                return false;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                // A bare IPv6 address: the last colon separates the port, as Redis writes it.
                if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    error = $"Endpoint '{text}' is not host:port.";
                    return false;
                }
            }
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"Endpoint '{text}' has port '{portText}'; expected 1..65535.";
            return false;
        }

        endpoint = new NodeEndpoint(host, port);
        return true;
    }

    /// <summary>True when <see cref="Host"/> is an IPv6 literal.</summary>
    public bool IsIPv6 => Host.Contains(':', StringComparison.Ordinal);

    public override string ToString() =>
        IsIPv6 ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
