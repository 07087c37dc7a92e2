using System.Globalization;
using System.Net;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// Hands out addresses from 10.213.0.0/16 for the networks the container tests create: /24 container networks from
/// 10.213.16.0 to 10.213.239.0 and /30 veth links from 10.213.240.0 to 10.213.255.252. A candidate is skipped when it
/// overlaps an address or route this host already has, or was handed out before in this process.
/// </summary>
public static class PrivateSubnets
{
    private const int FirstNetwork = 16;
    private const int LastNetwork = 239;
    private const int FirstLinkOctet = 240;
    private const int LinkCount = (256 - FirstLinkOctet) * 64;

    private static readonly TimeSpan IpTimeout = TimeSpan.FromSeconds(10);
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Handed = [];

    /// <summary>A free /24 for a container network: its CIDR (<c>10.213.N.0/24</c>) and gateway (<c>10.213.N.1</c>).</summary>
    public static async Task<(string Subnet, string Gateway)> NextNetworkAsync()
    {
        var inUse = await HostPrefixesAsync();
        var start = Random.Shared.Next(LastNetwork - FirstNetwork + 1);
        for (var i = 0; i <= LastNetwork - FirstNetwork; i++)
        {
            var octet = FirstNetwork + ((start + i) % (LastNetwork - FirstNetwork + 1));
            var subnet = string.Create(CultureInfo.InvariantCulture, $"10.213.{octet}.0/24");
            if (TryHand(subnet, inUse))
            {
                return (subnet, string.Create(CultureInfo.InvariantCulture, $"10.213.{octet}.1"));
            }
        }

        throw new InvalidOperationException("No free /24 left in 10.213.16.0-10.213.239.0 on this host (see `ip -4 route`).");
    }

    /// <summary>A free /30 for a veth pair: the host side's address (<c>.1</c>) and the namespace side's (<c>.2</c>).</summary>
    public static async Task<(string HostAddress, string NamespaceAddress)> NextLinkAsync()
    {
        var inUse = await HostPrefixesAsync();
        var start = Random.Shared.Next(LinkCount);
        for (var i = 0; i < LinkCount; i++)
        {
            var index = (start + i) % LinkCount;
            var third = FirstLinkOctet + (index / 64);
            var fourth = index % 64 * 4;
            var subnet = string.Create(CultureInfo.InvariantCulture, $"10.213.{third}.{fourth}/30");
            if (TryHand(subnet, inUse))
            {
                return (string.Create(CultureInfo.InvariantCulture, $"10.213.{third}.{fourth + 1}"),
                        string.Create(CultureInfo.InvariantCulture, $"10.213.{third}.{fourth + 2}"));
            }
        }

        throw new InvalidOperationException("No free /30 left in 10.213.240.0/20 on this host (see `ip -4 route`).");
    }

    private static bool TryHand(string subnet, IReadOnlyList<(uint Network, int Length)> inUse)
    {
        var candidate = Parse(subnet);
        lock (Gate)
        {
            if (Handed.Contains(subnet) || inUse.Any(used => Overlaps(candidate, used)))
            {
                return false;
            }

            Handed.Add(subnet);
            return true;
        }
    }

    // Every IPv4 address (with its prefix) and route destination on the host, e.g. 192.0.2.2/24, 10.88.0.0/16.
    private static async Task<IReadOnlyList<(uint Network, int Length)>> HostPrefixesAsync()
    {
        var addresses = await ChildProcess.RunAsync("ip", ["-4", "-o", "addr", "show"], IpTimeout);
        var routes = await ChildProcess.RunAsync("ip", ["-4", "route", "show", "table", "all"], IpTimeout);
        if (addresses.ExitCode != 0 || routes.ExitCode != 0)
        {
            throw new InvalidOperationException($"Listing the host's IPv4 addresses and routes failed:\n{addresses}\n{routes}");
        }

        var prefixes = new List<(uint, int)>();
        foreach (var line in addresses.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var inet = Array.IndexOf(fields, "inet");
            if (inet >= 0 && inet + 1 < fields.Length)
            {
                prefixes.Add(Parse(fields[inet + 1]));
            }
        }

        foreach (var line in routes.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "local 127.0.0.1 dev lo …", "unreachable 10.1.0.0/16", "default via …": the first numeric field is the destination.
            var destination = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .TakeWhile(field => field != "default")
                .FirstOrDefault(field => char.IsAsciiDigit(field[0]));
            if (destination is not null)
            {
                prefixes.Add(Parse(destination));
            }
        }

        return prefixes;
    }

    private static (uint Network, int Length) Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var length = slash >= 0 ? int.Parse(cidr[(slash + 1)..], CultureInfo.InvariantCulture) : 32;
        var bytes = IPAddress.Parse(slash >= 0 ? cidr[..slash] : cidr).GetAddressBytes();
        var address = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return (address & Mask(length), length);
    }

    private static bool Overlaps((uint Network, int Length) a, (uint Network, int Length) b)
    {
        var mask = Mask(Math.Min(a.Length, b.Length));
        return (a.Network & mask) == (b.Network & mask);
    }

    private static uint Mask(int length) => length == 0 ? 0 : uint.MaxValue << (32 - length);
}
