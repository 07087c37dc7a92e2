using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;

namespace RedisAspire.AppHost.Containers;

/// <summary>IPv4 subnets already in use: by container networks (from <c>network inspect</c>) and by this machine's interfaces and routes.</summary>
public static class NetworkSubnets
{
    /// <summary>
    /// Every IPv4 <c>subnet</c> / <c>Subnet</c> value in <c>network inspect</c> JSON: podman's <c>subnets[].subnet</c> and
    /// docker's <c>IPAM.Config[].Subnet</c>.
    /// </summary>
    public static IReadOnlyList<IPNetwork> FromNetworkInspect(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var found = new List<IPNetwork>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return found;
        }

        using var document = JsonDocument.Parse(json);
        Collect(document.RootElement, found);
        return found;
    }

    /// <summary>Destinations of <c>/proc/net/route</c> (Linux; hex, little-endian), the default route excluded.</summary>
    public static IReadOnlyList<IPNetwork> FromProcNetRoute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<IPNetwork>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8
                || !uint.TryParse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var destination)
                || !uint.TryParse(fields[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
                || mask == 0)
            {
                continue;
            }

            var prefix = System.Numerics.BitOperations.PopCount(mask);
            found.Add(new IPNetwork(new IPAddress(BitConverter.GetBytes(destination & mask)), prefix));
        }

        return found;
    }

    /// <summary>The subnets of this machine's IPv4 interface addresses and (on Linux) of its routing table.</summary>
    public static IReadOnlyList<IPNetwork> OfThisMachine()
    {
        var found = new List<IPNetwork>();
        foreach (var address in NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses))
        {
            if (address.Address.AddressFamily == AddressFamily.InterNetwork && address.PrefixLength is > 0 and <= 32)
            {
                found.Add(new IPNetwork(Mask(address.Address, address.PrefixLength), address.PrefixLength));
            }
        }

        if (OperatingSystem.IsLinux() && File.Exists("/proc/net/route"))
        {
            found.AddRange(FromProcNetRoute(File.ReadAllText("/proc/net/route")));
        }

        return found;
    }

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }

    private static void Collect(JsonElement element, List<IPNetwork> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Equals("subnet", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String
                        && IPNetwork.TryParse(property.Value.GetString(), out var subnet) && subnet.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
                    {
                        found.Add(subnet);
                    }
                    else
                    {
                        Collect(property.Value, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
            default:
                break;
        }
    }
}
