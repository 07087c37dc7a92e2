using System.Globalization;
using System.Net;

namespace RedisAspire.Hosting.Configuration;

/// <summary>One Redis node of the cluster: its name, announced address, ports and data folder.</summary>
/// <param name="Index">Position in the topology; node i listens on BasePort + i.</param>
/// <param name="Name">Resource name, <c>&lt;cluster&gt;-{Index}</c>.</param>
/// <param name="Host">The announced IP address, as Redis writes it (IPv6 without brackets).</param>
/// <param name="Port">Client port.</param>
/// <param name="BusPort">Cluster bus port (client port + 10000).</param>
/// <param name="Directory">Absolute data folder: redis.conf, nodes.conf and the AOF files.</param>
public sealed record RedisNode(int Index, string Name, string Host, int Port, int BusPort, string Directory)
{
    /// <summary><c>host:port</c>, IPv6 as <c>[addr]:port</c>.</summary>
    public string Endpoint => FormatEndpoint(Host, Port);

    public string ConfigPath => Path.Combine(Directory, "redis.conf");

    public string LogPath => Path.Combine(Directory, "redis.log");

    public IPEndPoint IPEndPoint => new(IPAddress.Parse(Host), Port);

    /// <summary>Formats <c>host:port</c>, putting an IPv6 address in brackets.</summary>
    public static string FormatEndpoint(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var portText = port.ToString(CultureInfo.InvariantCulture);
        return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{portText}" : $"{host}:{portText}";
    }
}
