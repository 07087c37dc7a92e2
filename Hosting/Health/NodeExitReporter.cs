using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Hosting.Health;

/// <summary>
/// Watches the node resources and says, when one stops while the application runs, what it means for the cluster:
/// whether a live replica will take over its slots or the shard is down. A node stopped on request (the dashboard's
/// Stop command) and every node during the application's own shutdown are reported as such, never as failures.
/// </summary>
internal sealed partial class NodeExitReporter(RedisClusterResource cluster, ResourceNotificationService notifications, ILogger logger, FailoverSupervisor supervisor)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var nodes = cluster.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var lastState = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            await foreach (var resourceEvent in notifications.WatchAsync(stopping).ConfigureAwait(false))
            {
                if (!nodes.TryGetValue(resourceEvent.Resource.Name, out var node))
                {
                    continue;
                }

                var state = resourceEvent.Snapshot.State?.Text;
                var previous = lastState.GetValueOrDefault(node.Name);
                lastState[node.Name] = state;
                var wasUp = previous == KnownResourceStates.Running || previous == KnownResourceStates.Stopping;
                if (stopping.IsCancellationRequested || previous == state || !wasUp || !KnownResourceStates.TerminalStates.Contains(state))
                {
                    continue;
                }

                var consequence = Consequence(node);
                _ = supervisor.OnExitedAsync(node, stopping);
                if (previous == KnownResourceStates.Stopping)
                {
                    LogStopped(logger, node.Name, node.Node.Endpoint, consequence);
                }
                else
                {
                    var exitCode = resourceEvent.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
                    LogExited(logger, node.Name, node.Node.Endpoint, exitCode, consequence);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The application is stopping: every node stops with it, which is no failure.
        }
    }

    /// <summary>What the loss of <paramref name="node"/> means, from the latest readiness check's view of the cluster.</summary>
    internal string Consequence(IRedisClusterNodeResource node)
    {
        var snapshots = cluster.Session.LastKnownSnapshots;
        var nameById = snapshots.Where(s => s.Id is not null).ToDictionary(s => s.Id!, s => s.Node.Name, StringComparer.Ordinal);
        var self = snapshots.FirstOrDefault(s => s.Node.Name == node.Name)?.Myself;
        if (self is null)
        {
            return "It had not been seen in the cluster yet.";
        }

        var restart = $"Start {node.Name} again (the dashboard's Start command, or restart the AppHost) to bring it back on its data.";
        if (self.IsReplica)
        {
            var master = self.MasterId is { } id ? nameById.GetValueOrDefault(id, id) : "no master";
            return $"It was a replica of {master}; that shard keeps serving with less redundancy. {restart}";
        }

        if (self.SlotCount == 0)
        {
            return $"It was a master without slots. {restart}";
        }

        var slots = SlotRange.Format(self.Slots);
        var liveReplicas = snapshots
            .Where(s => s.Myself is { IsReplica: true } replica && replica.MasterId == self.Id && IsRunning(s.Node.Name))
            .Select(s => s.Node.Name)
            .ToList();
        var timeout = cluster.Options.NodeTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var when = cluster.Options.SupervisedFailover ? "at once (supervised failover)" : $"after Cluster:NodeTimeout ({timeout} s)";
        return liveReplicas.Count > 0
            ? $"It was the master of slots {slots}; its replica {string.Join(" or ", liveReplicas)} takes them over {when}. When {node.Name} starts again it rejoins as a replica."
            : $"It was the master of slots {slots} and no replica of it is running: those slots are down until {node.Name} comes back. {restart} "
                + "If its data is lost for good, start a replica of it and use the cluster's Take over lost shards command (cluster-init's log first says what survives and what a takeover loses).";
    }

    private bool IsRunning(string resourceName) =>
        notifications.TryGetCurrentState(resourceName, out var current) && current.Snapshot.State?.Text == KnownResourceStates.Running;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Node} ({Endpoint}) exited with code {ExitCode} while the application was running. {Consequence}")]
    private static partial void LogExited(ILogger logger, string node, string endpoint, string exitCode, string consequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} ({Endpoint}) was stopped on request. {Consequence}")]
    private static partial void LogStopped(ILogger logger, string node, string endpoint, string consequence);
}
