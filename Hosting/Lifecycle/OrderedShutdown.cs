using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>
/// Stops the application in order when the AppHost stops (Ctrl+C, SIGTERM): first every resource that uses a cluster
/// (its clients and its administrator), so none of them sees its nodes vanish, then the nodes, which write their AOF on
/// the way down. Aspire's orchestrator would otherwise stop everything at once. Registered after Aspire's own services,
/// so it runs before the orchestrator shuts down. Each step is bounded; what is left is stopped by the orchestrator.
/// </summary>
internal sealed partial class OrderedShutdown(
    DistributedApplicationModel model, ResourceCommandService commands, ResourceNotificationService notifications, ILogger<OrderedShutdown> logger) : IHostedService
{
    private static readonly TimeSpan ClientsTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan NodesTimeout = TimeSpan.FromSeconds(20);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var clusters = model.Resources.OfType<RedisClusterResource>().ToList();
        var nodes = clusters.SelectMany(c => c.Nodes).Cast<IResource>().ToList();
        var clients = model.Resources.Where(r => r is not RedisClusterNodeResource && r is not RedisClusterResource && UsesCluster(r, clusters)).ToList();
        if (nodes.Count == 0)
        {
            return;
        }

        var clientNames = string.Join(", ", clients.Select(c => c.Name));
        LogStopping(logger, clientNames, nodes.Count);
        await StopAllAsync(clients, ClientsTimeout, cancellationToken).ConfigureAwait(false);
        await StopAllAsync(nodes, NodesTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static bool UsesCluster(IResource resource, IReadOnlyList<RedisClusterResource> clusters) =>
        clusters.Any(c => c.Administrator == resource)
        || resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => clusters.Contains(r.Resource))
        || resource.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource is RedisClusterResource or RedisClusterNodeResource);

    private async Task StopAllAsync(IReadOnlyList<IResource> resources, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await Task.WhenAll(resources.Where(IsActive).Select(r => StopAsync(r, bounded.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var left = string.Join(", ", resources.Where(IsActive).Select(r => r.Name));
            LogTimedOut(logger, timeout.TotalSeconds, left);
        }
    }

    private async Task StopAsync(IResource resource, CancellationToken cancellationToken)
    {
        await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, cancellationToken).ConfigureAwait(false);
        await notifications.WaitForResourceAsync(resource.Name, e => !IsActive(e.Snapshot.State?.Text), cancellationToken).ConfigureAwait(false);
    }

    private bool IsActive(IResource resource) =>
        notifications.TryGetCurrentState(resource.Name, out var current) && IsActive(current.Snapshot.State?.Text);

    private static bool IsActive(string? state) => state == KnownResourceStates.Running || state == KnownResourceStates.Starting || state == KnownResourceStates.Stopping;

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping in order: {Clients}, then {Count} Redis nodes")]
    private static partial void LogStopping(ILogger logger, string clients, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "not stopped within {Seconds} s, left to the orchestrator: {Resources}")]
    private static partial void LogTimedOut(ILogger logger, double seconds, string resources);
}
