using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.Failover;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Hosting.Health;

/// <summary>
/// Supervised failover: the AppHost knows when a node's process has exited, so for a master that served slots it does
/// not wait for Redis to notice; it asks the cluster library to promote the dead master's best replica
/// (<see cref="SupervisedPromotion"/>) and reports the outcome in the cluster's log and as its <c>Last failover</c>
/// property. Off with <see cref="RedisClusterOptions.SupervisedFailover"/>. The exit is noticed by watching the nodes'
/// processes (every <see cref="WatchInterval"/>): Aspire's orchestrator reports an exit about half a second after it
/// reaped the process (measured), and its report, when it comes first, triggers the same promotion only once.
/// </summary>
internal sealed partial class FailoverSupervisor(RedisClusterResource cluster, ResourceNotificationService notifications, ILogger logger)
{
    /// <summary>The resource property that shows the last supervised failover on the dashboard.</summary>
    public const string LastFailoverProperty = "redis.cluster.last-failover";

    private static readonly TimeSpan MinimumConfirmTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often the nodes' processes are looked at.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(25);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly HashSet<int> _handled = [];

    /// <summary>Watches the running nodes' processes until the application stops; an exit triggers <see cref="OnExitedAsync"/>.</summary>
    public async Task WatchAsync(CancellationToken stopping)
    {
        if (!cluster.Options.SupervisedFailover || OperatingSystem.IsWindows())
        {
            return;
        }

        if (cluster.Runtime == RedisNodeRuntime.Container)
        {
            // A container's process is not the orchestrator's to report: act on its report that the container exited.
            LogContainerExits(logger, cluster.Name);
            return;
        }

        while (!stopping.IsCancellationRequested)
        {
            foreach (var node in cluster.Nodes)
            {
                if (notifications.TryGetCurrentState(node.Name, out var current) && current.Snapshot.State?.Text == KnownResourceStates.Running
                    && current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
                    && Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) is var pid and > 0)
                {
                    lock (_gate)
                    {
                        _pids[node.Name] = pid;
                    }

                    if (!Lifecycle.ProcessSignals.IsAlive(pid) && !stopping.IsCancellationRequested)
                    {
                        _ = OnExitedAsync(node, stopping);
                    }
                }
            }

            try
            {
                await Task.Delay(WatchInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Promotes a replica of <paramref name="node"/>, whose process exited, if it was a master serving slots.</summary>
    public async Task OnExitedAsync(IRedisClusterNodeResource node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // One promotion per process: the watcher and the orchestrator's report both announce the same exit. A
            // container node's exit is announced only by the orchestrator's report, once per exit.
            if (node is RedisClusterNodeResource && (!_pids.TryGetValue(node.Name, out var pid) || !_handled.Add(pid)))
            {
                return;
            }
        }

        var snapshots = cluster.Session.LastKnownSnapshots;
        var dead = snapshots.FirstOrDefault(s => s.Node.Name == node.Name)?.Myself;
        if (!cluster.Options.SupervisedFailover || dead is not { IsMaster: true, SlotCount: > 0 } || cluster.Session.Credentials is not { } credentials)
        {
            return;
        }

        var replicaNames = snapshots.Where(s => s.Myself is { IsReplica: true } r && r.MasterId == dead.Id).Select(s => s.Node.Name).ToHashSet(StringComparer.Ordinal);
        var tls = cluster.TlsCaPath is { } ca ? TlsClientSettings.FromCaFile(ca) : null;
        var replicas = cluster.Nodes.Where(n => replicaNames.Contains(n.Name)).Select(n =>
        {
            var endpoint = NodeEndpoint.Parse(n.Node.Endpoint);
            var connection = new RedisAdminConnection(n.Name, endpoint, credentials.AdminUser, credentials.AdminAuthPassword, cluster.Options.CommandTimeout, tls);
            return new ManagedNode(n.Node.Index, n.Name, endpoint, n.Node.BusPort, failureDomain: null, connection);
        }).ToList();
        try
        {
            LogPromoting(logger, node.Name, SlotRange.Format(dead.Slots));
            var confirmTimeout = cluster.Options.NodeTimeout * 2 > MinimumConfirmTimeout ? cluster.Options.NodeTimeout * 2 : MinimumConfirmTimeout;
            var outcome = await SupervisedPromotion.PromoteAsync(node.Name, dead.Id, dead.Slots, replicas, cluster.Options.NodeTimeout, confirmTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (outcome.Promoted)
            {
                LogPromoted(logger, outcome.Message);
            }
            else
            {
                LogNotPromoted(logger, outcome.Message);
            }

            await notifications.PublishUpdateAsync(cluster, s => s with
            {
                Properties = s.Properties.SetItem(new ResourcePropertySnapshot(LastFailoverProperty, $"{DateTime.UtcNow:HH:mm:ss} UTC: {outcome.Message}") { DisplayName = "Last failover" }),
            }).ConfigureAwait(false);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "supervised failover for {Cluster}: its nodes are containers, so a master's exit is taken from the orchestrator's report that its container exited, which comes seconds after the exit; Redis' own failover (Cluster:NodeTimeout) may act first")]
    private static partial void LogContainerExits(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "supervised failover: {Node} exited while it served slots {Slots}; promoting its most up-to-date replica now")]
    private static partial void LogPromoting(ILogger logger, string node, string slots);

    [LoggerMessage(Level = LogLevel.Information, Message = "supervised failover: {Message}")]
    private static partial void LogPromoted(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "supervised failover: {Message}")]
    private static partial void LogNotPromoted(ILogger logger, string message);
}
