using System.Net;
using System.Net.Sockets;

namespace RedisAspire.AppHost.Containers;

/// <summary>The IPv4 subnet of a bridge network AppHost creates: parsing, its gateway, and picking one nobody uses.</summary>
public static class BridgeSubnet
{
    /// <summary>Candidates are the /24s of this block (an arbitrary private range: podman allocates 10.88–10.89, docker 172.17–31 and 192.168).</summary>
    public static readonly IPNetwork CandidateBlock = new(IPAddress.Parse("10.213.0.0"), 16);

    private const int CandidatePrefix = 24;
    private const int CandidateCount = 256;

    /// <summary>Parses an IPv4 CIDR from /8 to /28, e.g. <c>10.213.7.0/24</c> (host bits are dropped).</summary>
    public static bool TryParse(string text, out IPNetwork subnet)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IPNetwork.TryParse(text.Trim(), out subnet)
            && subnet.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            && subnet.PrefixLength is >= 8 and <= 28;
    }

    /// <summary>The first host address (<c>.1</c> of a /24): the bridge's address on the host, where ports are published.</summary>
    public static IPAddress Gateway(IPNetwork subnet)
    {
        var bytes = subnet.BaseAddress.GetAddressBytes();
        for (var i = bytes.Length - 1; i >= 0 && ++bytes[i] == 0; i--)
        {
        }

        return new IPAddress(bytes);
    }

    public static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    /// <summary>
    /// The first /24 of <see cref="CandidateBlock"/>, from <paramref name="start"/> on (wrapping), that overlaps none of
    /// <paramref name="taken"/> and is not in <paramref name="skip"/>; null when all are taken.
    /// </summary>
    public static IPNetwork? Pick(IReadOnlyCollection<IPNetwork> taken, int start, IReadOnlyCollection<IPNetwork>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var baseBytes = CandidateBlock.BaseAddress.GetAddressBytes();
        for (var i = 0; i < CandidateCount; i++)
        {
            var third = (byte)(((start % CandidateCount) + CandidateCount + i) % CandidateCount);
            var candidate = new IPNetwork(new IPAddress([baseBytes[0], baseBytes[1], third, 0]), CandidatePrefix);
            if (!taken.Any(t => Overlaps(t, candidate)) && !(skip?.Contains(candidate) ?? false))
            {
                return candidate;
            }
        }

        return null;
    }
}
