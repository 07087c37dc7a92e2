using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>
/// Stops the application in order when the AppHost stops (Ctrl+C, SIGTERM): first every running resource that uses a
/// cluster (its clients and its administrator), so none of them sees its nodes vanish, then the nodes, which write
/// their AOF on the way down. Aspire's orchestrator would otherwise stop everything at once, and while the host stops
/// it no longer reports resource states, so this sends SIGTERM to the processes Aspire started (their pids are in the
/// resources' snapshots) and waits, bounded, until each has exited. Whatever is left, the orchestrator stops as usual.
/// Registered after Aspire's own services, so it runs before the orchestrator shuts down.
/// </summary>
internal sealed partial class OrderedShutdown(DistributedApplicationModel model, ResourceNotificationService notifications, ILogger<OrderedShutdown> logger) : IHostedService
{
    private const string PidProperty = "executable.pid";
    private static readonly TimeSpan ClientsTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan NodesTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || OperatingSystem.IsWindows())
        {
            return;
        }

        var clusters = model.Resources.OfType<RedisClusterResource>().ToList();
        var nodes = Running(clusters.SelectMany(c => c.Nodes));
        var clients = Running(model.Resources.Where(r => r is not IRedisClusterNodeResource && r is not RedisClusterResource && UsesCluster(r, clusters)));
        if (nodes.Count == 0)
        {
            return;
        }

        var clientNames = string.Join(", ", clients.Select(c => c.Name));
        LogStopping(logger, clientNames.Length == 0 ? "no client running" : clientNames, nodes.Count);
        await StopAllAsync(clients, ClientsTimeout, cancellationToken).ConfigureAwait(false);
        await StopAllAsync(nodes, NodesTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static bool UsesCluster(IResource resource, IReadOnlyList<RedisClusterResource> clusters) =>
        clusters.Any(c => c.Administrator == resource)
        || resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => clusters.Contains(r.Resource))
        || resource.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource is RedisClusterResource or IRedisClusterNodeResource);

    // Resources whose process runs now, with its pid.
    private List<(string Name, int Pid)> Running(IEnumerable<IResource> resources) =>
        [.. resources
            .Select(r => notifications.TryGetCurrentState(r.Name, out var current)
                && current.Snapshot.State?.Text == KnownResourceStates.Running
                && current.Snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value is { } pid
                    ? (r.Name, Convert.ToInt32(pid, CultureInfo.InvariantCulture))
                    : (r.Name, 0))
            .Where(r => r.Item2 > 0 && ProcessSignals.IsAlive(r.Item2))];

    private async Task StopAllAsync(List<(string Name, int Pid)> launched, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A project runs under `dotnet run`, which forwards SIGTERM but may linger after its application exited: what
        // must be gone is the application, so wait for the launcher's descendants when it has any.
        var processes = launched.SelectMany(p => ProcessSignals.Descendants(p.Pid) is { Count: > 0 } children ? children.Select(c => (p.Name, Pid: c)) : [p]).ToList();
        foreach (var (_, pid) in launched)
        {
            ProcessSignals.Terminate(pid);
        }

        var started = Stopwatch.GetTimestamp();
        while (processes.Any(p => ProcessSignals.IsAlive(p.Pid)))
        {
            if (Stopwatch.GetElapsedTime(started) >= timeout || cancellationToken.IsCancellationRequested)
            {
                var left = string.Join(", ", processes.Where(p => ProcessSignals.IsAlive(p.Pid)).Select(p => $"{p.Name} (pid {p.Pid})"));
                LogTimedOut(logger, timeout.TotalSeconds, left);
                return;
            }

            await Task.Delay(PollInterval, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping in order: {Clients}, then {Count} Redis nodes")]
    private static partial void LogStopping(ILogger logger, string clients, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "still running {Seconds} s after SIGTERM, left to the orchestrator: {Processes}")]
    private static partial void LogTimedOut(ILogger logger, double seconds, string processes);
}
