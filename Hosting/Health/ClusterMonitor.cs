using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace RedisAspire.Hosting.Health;

/// <summary>
/// Drives the cluster resource: Starting until every node runs, then Running, and from then on checks readiness with
/// real commands every second while the cluster is not Ready and every <see cref="RedisClusterOptions.HealthInterval"/>
/// while it is. A change of verdict is logged to the resource's log with every problem, shown at once as the resource's
/// Readiness property, and wakes a health check that is waiting for it (<see cref="RedisClusterHealthCheck"/>). The
/// AppHost's console gets one line when the cluster becomes Ready and one whenever it stops or starts being Ready.
/// </summary>
internal sealed partial class ClusterMonitor(RedisClusterResource cluster, ResourceNotificationService notifications, ILogger logger, ILogger console)
{
    /// <summary>The health check (and health report) key of the cluster resource.</summary>
    public static string HealthCheckKey(RedisClusterResource cluster) => $"{cluster.Name}_ready";

    /// <summary>The resource property that shows the latest verdict on the dashboard.</summary>
    public const string VerdictProperty = "redis.cluster.readiness";

    private static readonly TimeSpan NotReadyInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken stopping)
    {
        await notifications.PublishUpdateAsync(cluster, s => s with { State = KnownResourceStates.Starting }).ConfigureAwait(false);
        var started = await Task.WhenAll(cluster.Nodes.Select(n => WaitStartedAsync(n, stopping))).ConfigureAwait(false);
        if (started.FirstOrDefault(s => s.State != KnownResourceStates.Running) is { Node: { } failed } failure)
        {
            LogNodeFailed(logger, failed.Name, failure.State);
            LogNodeFailed(console, failed.Name, failure.State);
            await notifications.PublishUpdateAsync(cluster, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
            return;
        }

        await notifications.PublishUpdateAsync(cluster, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow }).ConfigureAwait(false);
        var credentials = cluster.Session.Credentials ?? throw new InvalidOperationException("The nodes run but their credentials were never loaded.");
        await using var probe = new ClusterProbe(cluster, credentials);
        ClusterVerdict? previous = null;
        var wasReady = false;
        var everReady = false;
        while (!stopping.IsCancellationRequested)
        {
            ClusterVerdict verdict;
            try
            {
                verdict = await probe.CheckAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }

            cluster.Session.PublishVerdict(verdict);
            if (previous is null || previous.IsReady != verdict.IsReady || previous.Summary != verdict.Summary)
            {
                await PublishAsync(verdict).ConfigureAwait(false);
            }

            if (verdict.IsReady != wasReady && (verdict.IsReady || everReady))
            {
                LogSummary(console, cluster.Name, verdict.Summary);
            }

            everReady |= verdict.IsReady;
            wasReady = verdict.IsReady;
            previous = verdict;
            try
            {
                await Task.Delay(verdict.IsReady ? cluster.Options.HealthInterval : NotReadyInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task PublishAsync(ClusterVerdict verdict)
    {
        if (verdict.IsReady)
        {
            LogSummary(logger, cluster.Name, verdict.Summary);
        }
        else
        {
            var problems = string.Join("\n  ", verdict.Problems);
            LogNotReady(logger, cluster.Name, problems);
        }

        await notifications.PublishUpdateAsync(cluster, s => s with
        {
            Properties = s.Properties.SetItem(new ResourcePropertySnapshot(VerdictProperty, verdict.Summary) { DisplayName = "Readiness" }),
        }).ConfigureAwait(false);
    }

    private async Task<(IRedisClusterNodeResource Node, string? State)> WaitStartedAsync(IRedisClusterNodeResource node, CancellationToken stopping)
    {
        var resourceEvent = await notifications.WaitForResourceAsync(
            node.Name,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running || KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text),
            stopping).ConfigureAwait(false);
        return (node, resourceEvent.Snapshot.State?.Text);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cluster}: {Summary}")]
    private static partial void LogSummary(ILogger logger, string cluster, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cluster}: not Ready:\n  {Problems}")]
    private static partial void LogNotReady(ILogger logger, string cluster, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Node} did not start ({State}); see its console log. The cluster cannot form without it.")]
    private static partial void LogNodeFailed(ILogger logger, string node, string? state);
}

