using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RedisAspire.Hosting;

/// <summary>Checks <see cref="RedisClusterOptions"/>; every message names the configuration key to fix.</summary>
public static class RedisClusterOptionsValidator
{
    private const int MaxPort = 65535;

    /// <summary>Returns one message per problem; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(RedisClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Masters < 3)
        {
            errors.Add(Format($"Cluster:Masters must be at least 3 (is {options.Masters}): Redis Cluster needs a majority of masters to fail over."));
        }

        if (options.ReplicasPerMaster < 0)
        {
            errors.Add(Format($"Cluster:ReplicasPerMaster must be 0 or more (is {options.ReplicasPerMaster})."));
        }

        if (options.BasePort is < 1 or > MaxPort)
        {
            errors.Add(Format($"Cluster:BasePort must be between 1 and {MaxPort} (is {options.BasePort})."));
        }
        else if (errors.Count == 0)
        {
            ValidatePortRange(options, errors);
        }

        ValidateAnnounceIp(options.AnnounceIp, errors);
        if (options.NodeTimeout < TimeSpan.FromMilliseconds(1))
        {
            errors.Add(Format($"Cluster:NodeTimeout must be at least 1 ms (is {options.NodeTimeout}), e.g. 00:00:05."));
        }

        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add("AppHost:StateDirectory must not be empty; it holds each node's redis.conf, nodes.conf and AOF, and the passwords.");
        }

        RequirePositive(options.HealthInterval, "Cluster:HealthInterval", errors);
        RequirePositive(options.CommandTimeout, "Cluster:CommandTimeout", errors);
        return errors;
    }

    private static void ValidatePortRange(RedisClusterOptions options, List<string> errors)
    {
        long nodeCount = (long)options.Masters * (1L + options.ReplicasPerMaster);
        long lastClientPort = options.BasePort + nodeCount - 1;
        if (lastClientPort > MaxPort)
        {
            errors.Add(Format($"Cluster:BasePort {options.BasePort} gives node {nodeCount - 1} client port {lastClientPort}, above {MaxPort}; use a Cluster:BasePort of at most {MaxPort - nodeCount + 1}."));
            return;
        }

        if (lastClientPort + RedisClusterResource.BusPortOffset > MaxPort)
        {
            errors.Add(Format($"Cluster:BasePort {options.BasePort} gives node {nodeCount - 1} bus port {lastClientPort + RedisClusterResource.BusPortOffset} (client port + {RedisClusterResource.BusPortOffset}), above {MaxPort}; use a Cluster:BasePort of at most {MaxPort - RedisClusterResource.BusPortOffset - nodeCount + 1}."));
        }
    }

    private static void ValidateAnnounceIp(string announceIp, List<string> errors)
    {
        if (!IPAddress.TryParse(announceIp, out var address))
        {
            errors.Add($"Cluster:AnnounceIp '{announceIp}' is not an IP address; use an address clients and the other nodes can reach, e.g. 127.0.0.1.");
        }
        else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            errors.Add($"Cluster:AnnounceIp {announceIp} is a wildcard; nodes announce it to clients, so use an address they can reach, e.g. 127.0.0.1.");
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            errors.Add($"Cluster:AnnounceIp {announceIp} has a scope id; Redis cannot announce link-local scoped addresses, use a global or loopback address.");
        }
    }

    private static void RequirePositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(Format($"{key} must be positive (is {value})."));
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
