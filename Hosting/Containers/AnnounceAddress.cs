using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Aspire.Hosting;

namespace RedisAspire.Hosting.Containers;

/// <summary>
/// Chooses the address container nodes announce when <c>Cluster:AnnounceIp</c> is left at loopback: the host's own IPv4
/// address on the interface of its default route, as the kernel reports it at start. That address is local to the host
/// (its processes reach the published ports there), routed for every container (their traffic to it leaves through the
/// container network's gateway and is forwarded to the published port), and routable from another network namespace
/// with one host route. Loopback is wrong inside a container (it is the container itself), and the gateway of the
/// orchestrator's container network does not exist yet when the nodes' configuration is written (see docs/architecture.md).
/// </summary>
internal static class AnnounceAddress
{
    private const string RouteTable = "/proc/net/route";

    /// <summary>The configured address when it is not loopback, else the host's default-route address.</summary>
    /// <exception cref="DistributedApplicationException">No usable address: the message says to set <c>Cluster:AnnounceIp</c>.</exception>
    public static (string Address, string Why) Choose(string configured)
    {
        ArgumentException.ThrowIfNullOrEmpty(configured);
        var address = IPAddress.Parse(configured);
        if (!IPAddress.IsLoopback(address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return (address.ToString(), $"Cluster:AnnounceIp={address}");
        }

        var defaultInterface = DefaultRouteInterface();
        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderBy(i => i.Name == defaultInterface ? 0 : 1)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(a => (Interface: i.Name, a.Address)))
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a.Address))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new DistributedApplicationException(
                "Container nodes need an address of this host that the containers can reach, and this host has no IPv4 address besides loopback. "
                + "Set Cluster:AnnounceIp to one of the host's addresses (not 127.0.0.1: inside a container that is the container itself).");
        }

        var (name, chosen) = candidates[0];
        var why = name == defaultInterface
            ? $"the host's address on {name}, the interface of its default route"
            : $"the host's address on {name} (no default route found)";
        return (chosen.ToString(), why);
    }

    // /proc/net/route: "Iface Destination Gateway …", destination 00000000 is the default route.
    private static string? DefaultRouteInterface()
    {
        if (!File.Exists(RouteTable))
        {
            return null;
        }

        return File.ReadLines(RouteTable)
            .Skip(1)
            .Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length > 2 && fields[1] == "00000000")
            .Select(fields => fields[0])
            .FirstOrDefault();
    }
}
