using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Healthy only when the cluster answers and every reachable node reports
/// <c>cluster_state:ok</c> in its own view: all 16384 slots served by masters not flagged as
/// failing. (CLUSTER INFO cannot be sent to a chosen node with this client, so each node's
/// CLUSTER NODES view is evaluated the way the node computes cluster_state, plus one CLUSTER INFO.)
/// </summary>
public sealed class RedisClusterHealthCheck(ClusterStateProbe probe) : IHealthCheck
{
    private const int SlotCount = 16384;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await probe.GetAsync(cancellationToken).ConfigureAwait(false);
            var info = (string?)await multiplexer.GetDatabase().ExecuteAsync("CLUSTER", "INFO").ConfigureAwait(false) ?? "";
            if (!info.Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                return HealthCheckResult.Unhealthy($"A node reports {StateLine(info)}.");
            }

            var servers = multiplexer.GetEndPoints().Select(e => multiplexer.GetServer(e)).Where(s => s.IsConnected).ToList();
            if (servers.Count == 0)
            {
                return HealthCheckResult.Unhealthy("No node is connected.");
            }

            foreach (var server in servers)
            {
                var served = ServedSlots(await server.ClusterNodesRawAsync().ConfigureAwait(false));
                if (served < SlotCount)
                {
                    return HealthCheckResult.Unhealthy($"{server.EndPoint} sees {served} of {SlotCount} slots served by a healthy master.");
                }
            }

            return HealthCheckResult.Healthy($"cluster_state:ok; {servers.Count} connected nodes see all {SlotCount} slots served.");
        }
        catch (RedisException exception)
        {
            return HealthCheckResult.Unhealthy($"The cluster did not answer: {exception.Message}");
        }
    }

    private static string StateLine(string info) =>
        info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("cluster_state:", StringComparison.Ordinal)) ?? "no cluster_state";

    /// <summary>Counts slots owned by masters whose flags carry neither <c>fail</c> nor <c>fail?</c> in a CLUSTER NODES reply.</summary>
    private static int ServedSlots(string clusterNodes)
    {
        var served = 0;
        foreach (var line in clusterNodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ');
            var flags = fields.Length > 2 ? fields[2].Split(',') : [];
            if (fields.Length < 9 || !flags.Contains("master") || flags.Contains("fail") || flags.Contains("fail?"))
            {
                continue;
            }

            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                served += dash < 0 ? 1 : Slot(range[(dash + 1)..]) - Slot(range[..dash]) + 1;
            }
        }

        return served;
    }

    private static int Slot(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
