using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using RedisAspire.Cluster;
using RedisAspire.Hosting.Health;

namespace RedisAspire.Hosting.Commands;

/// <summary>
/// The cluster resource's dashboard commands: <b>Check</b>, a read-only verification whose report is shown,
/// <b>Repair</b>, one reconcile round of the cluster's administrator (ClusterInit), whose log explains what it did, and
/// <b>Take over lost shards</b>, the same round allowed to promote a lost shard's surviving replica.
/// </summary>
internal static class ClusterCommands
{
    public const string CheckName = "redis-cluster-check";

    public const string RepairName = "redis-cluster-repair";

    public const string TakeoverName = "redis-cluster-takeover";

    /// <summary>How long one Repair may take before the command gives up waiting (ClusterInit bounds its own waits too).</summary>
    public static readonly TimeSpan RepairTimeout = TimeSpan.FromMinutes(5);

    public static async Task<ExecuteCommandResult> CheckAsync(RedisClusterResource cluster, CancellationToken cancellationToken)
    {
        if (cluster.Session.Credentials is not { } credentials)
        {
            return CommandResults.Failure($"{cluster.Name}'s nodes have not been configured yet.");
        }

        await using var probe = new ClusterProbe(cluster, credentials);
        var verdict = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        var report = new StringBuilder();
        if (verdict.Snapshots.Count > 0)
        {
            report.AppendLine(ClusterReport.Render(verdict.Snapshots));
        }

        foreach (var problem in verdict.Problems)
        {
            report.Append("- ").AppendLine(problem);
        }

        var text = report.ToString().TrimEnd();
        return verdict.IsReady
            ? CommandResults.Success(verdict.Summary, text, CommandResultFormat.Text)
            : CommandResults.Failure(verdict.Summary, text, CommandResultFormat.Text);
    }

    /// <summary>
    /// Repair with an explicit takeover: the administrator's next run may promote the most up-to-date surviving replica
    /// of every shard whose master is down and which Redis will not fail over by itself (ClusterInit's
    /// <c>Cluster:Takeover=all</c>). Never done without this command: an automatic takeover splits the shard when the
    /// old master was only cut off.
    /// </summary>
    public static Task<ExecuteCommandResult> TakeoverAsync(RedisClusterResource cluster, IServiceProvider services, CancellationToken cancellationToken)
    {
        cluster.PendingTakeover = "all";
        return RepairAsync(cluster, services, cancellationToken);
    }

    public static async Task<ExecuteCommandResult> RepairAsync(RedisClusterResource cluster, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (cluster.Administrator is not { } administrator)
        {
            cluster.PendingTakeover = null;
            return CommandResults.Failure($"No resource administers {cluster.Name}: add ClusterInit with WithClusterAdministration({cluster.Name}).");
        }

        var notifications = services.GetRequiredService<ResourceNotificationService>();
        if (notifications.TryGetCurrentState(administrator.Name, out var current) && !KnownResourceStates.TerminalStates.Contains(current.Snapshot.State?.Text))
        {
            cluster.PendingTakeover = null;
            return CommandResults.Failure($"{administrator.Name} is {current.Snapshot.State?.Text ?? "not started"}; wait until it has finished, then repair.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RepairTimeout);
        // Watch before starting, so the run that follows the command is seen from its start to its end, however short.
        var finishing = WaitForNextRunAsync(notifications, administrator.Name, timeout.Token);
        var started = await services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(administrator, KnownResourceCommands.StartCommand, cancellationToken).ConfigureAwait(false);
        if (!started.Success)
        {
            cluster.PendingTakeover = null;
            await timeout.CancelAsync().ConfigureAwait(false);
            return CommandResults.Failure($"{administrator.Name} could not be started: {started.Message}");
        }

        CustomResourceSnapshot finished;
        try
        {
            finished = await finishing.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var state = notifications.TryGetCurrentState(administrator.Name, out var last) ? last.Snapshot.State?.Text : null;
            return CommandResults.Failure($"{administrator.Name} did not finish within {RepairTimeout.TotalMinutes:0} minutes (last state: {state ?? "unknown"}); see its console log.");
        }

        return finished.ExitCode == 0
            ? CommandResults.Success($"{administrator.Name} exited 0: {cluster.Name} is Ready. Its console log lists what it changed, if anything.")
            : CommandResults.Failure($"{administrator.Name} exited with code {finished.ExitCode}: {cluster.Name} is not Ready. Its console log says what it found and what a person can run.");
    }

    // The first terminal state after the resource was seen starting or running again.
    private static async Task<CustomResourceSnapshot> WaitForNextRunAsync(ResourceNotificationService notifications, string name, CancellationToken cancellationToken)
    {
        var running = false;
        await foreach (var resourceEvent in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (resourceEvent.Resource.Name != name)
            {
                continue;
            }

            var state = resourceEvent.Snapshot.State?.Text;
            if (!KnownResourceStates.TerminalStates.Contains(state) && state is not null && state != KnownResourceStates.NotStarted)
            {
                running = true;
            }
            else if (running && KnownResourceStates.TerminalStates.Contains(state))
            {
                return resourceEvent.Snapshot;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }
}
