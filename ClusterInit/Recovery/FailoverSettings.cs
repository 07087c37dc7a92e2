using System.Globalization;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// The settings with which a replica decides whether it may fail over on its own, read with CONFIG GET and INFO server
/// (read-only). A value is null when the node refuses CONFIG (renamed, or not allowed for the user).
/// </summary>
public sealed record FailoverSettings
{
    public static FailoverSettings Unknown { get; } = new();

    /// <summary><c>cluster-node-timeout</c> in milliseconds.</summary>
    public long? NodeTimeoutMs { get; init; }

    /// <summary><c>cluster-replica-validity-factor</c>; 0 means a replica may fail over however old its data is.</summary>
    public long? ValidityFactor { get; init; }

    /// <summary><c>repl-ping-replica-period</c> in seconds.</summary>
    public long? PingPeriodSeconds { get; init; }

    /// <summary><c>cluster-replica-no-failover</c>: the replica never starts a failover by itself.</summary>
    public bool? NoFailover { get; init; }

    /// <summary>INFO server <c>uptime_in_seconds</c>.</summary>
    public long? UptimeSeconds { get; init; }

    /// <summary>
    /// The longest time a replica's link to its master may have been down for Redis to still let it fail over:
    /// Redis compares the link's down time, less one node timeout, with
    /// <c>repl-ping-replica-period + cluster-replica-validity-factor × cluster-node-timeout</c>. Null when unknown
    /// or unlimited (factor 0).
    /// </summary>
    public TimeSpan? MaxLinkDownTime =>
        NodeTimeoutMs is { } timeout && ValidityFactor is { } factor and > 0 && PingPeriodSeconds is { } period
            ? TimeSpan.FromMilliseconds(timeout + period * 1000 + factor * timeout)
            : null;

    public static async Task<FailoverSettings> ReadAsync(ManagedNode node, CancellationToken cancellationToken)
    {
        long? uptime = null;
        var server = InfoParser.Parse(await node.Connection.ExecuteTextAsync(cancellationToken, "INFO", "server").ConfigureAwait(false));
        if (long.TryParse(server.GetValueOrDefault("uptime_in_seconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            uptime = seconds;
        }

        RespValue reply;
        try
        {
            reply = await node.Connection.ExecuteAsync(
                cancellationToken, "CONFIG", "GET", "cluster-node-timeout", "cluster-replica-validity-factor", "repl-ping-replica-period", "cluster-replica-no-failover")
                .ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (!exception.IsAuthenticationError)
        {
            return Unknown with { UptimeSeconds = uptime };
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var items = reply.Items ?? [];
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            values[items[i].AsText()] = items[i + 1].AsText();
        }

        return new FailoverSettings
        {
            NodeTimeoutMs = Number(values, "cluster-node-timeout"),
            ValidityFactor = Number(values, "cluster-replica-validity-factor"),
            PingPeriodSeconds = Number(values, "repl-ping-replica-period"),
            NoFailover = values.TryGetValue("cluster-replica-no-failover", out var noFailover) ? noFailover.Equals("yes", StringComparison.OrdinalIgnoreCase) : null,
            UptimeSeconds = uptime,
        };
    }

    private static long? Number(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
