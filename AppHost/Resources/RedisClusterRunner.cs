using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Logging;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.State;
using RedisAspire.AppHost.Tls;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>
/// Runs the cluster's nodes, as processes or containers (<c>AppHost:Runtime</c>): checks the machine before anything
/// starts, writes the configs, rewrites nodes.conf for the announced addresses (prepare-node), starts every node and
/// waits until all answer PING, then reports a node that dies while the application runs.
/// </summary>
internal sealed partial class RedisClusterRunner(RedisClusterResource cluster) : IAppResource
{
    private INodeRunner? _runner;

    public string Name => cluster.Name;

    public IReadOnlyList<ChildProcess> Processes => _runner?.Processes ?? [];

    public bool NeedsStop => _runner?.NeedsStop ?? false;

    public async Task PrepareAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger(AppHostLogging.Category);
        var runtime = await ContainerRuntimeSelector.SelectAsync(context.AppHost, context.Container, logger, cancellationToken);
        StateFolder.EnsureWritable(context.StateDirectory);
        var credentials = StateFolder.Guard(context.StateDirectory, () => LoadCredentials(context));
        if (runtime is null)
        {
            _runner = new ProcessNodeRunner();
        }
        else
        {
            _runner = new ContainerNodeRunner(cluster, runtime, logger);
        }

        cluster.SetNodes(await _runner.PrepareAsync(context, credentials, cancellationToken), credentials);
    }

    public async Task StartAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        var runner = _runner ?? throw new InvalidOperationException("PrepareAsync must run before StartAsync.");
        var logger = context.LoggerFactory.CreateLogger(AppHostLogging.Category);
        var credentials = cluster.Credentials;
        var nodes = await runner.ProvisionAsync(context, cluster.Nodes, cancellationToken);
        cluster.SetNodes(nodes, credentials);
        if (context.Cluster.Tls)
        {
            // After provisioning: in bridge mode the announced address (an IP SAN of every node) is known only now.
            cluster.TlsCa = StateFolder.Guard(context.StateDirectory, () => DevelopmentCertificates.Ensure(context.StateDirectory, nodes, DateTimeOffset.UtcNow));
            cluster.TlsCaPath = DevelopmentCertificates.CaCertificatePath(context.StateDirectory);
        }

        foreach (var node in nodes)
        {
            StateFolder.WriteNodeConfig(node, runner.RenderConfig(node, context, credentials));
        }

        await NodesConfPreparer.RunAsync(nodes, ProjectPaths.ClusterInit, context.AppHost.ClusterInitTimeout, context.LoggerFactory, cancellationToken);
        LogStarting(logger, nodes.Count, context.StateDirectory, runner.Description);
        var started = await runner.StartAsync(context, nodes, credentials, cancellationToken);
        cluster.Processes = [.. started.Select(s => s.Process)];
        await new NodeReadiness(context.AppHost, credentials.DefaultPassword, cluster.TlsCa, logger).WaitAllAsync(started, cancellationToken);
        foreach (var (node, process) in started)
        {
            _ = WatchAsync(node, process, logger);
        }
    }

    /// <summary>
    /// <c>Cluster:Password</c> or the stored <c>default</c> password; with ACL users also the generated <c>admin</c>
    /// and <c>replication</c> passwords (always from the state folder).
    /// </summary>
    private static ClusterCredentials LoadCredentials(AppHostContext context)
    {
        var defaultPassword = !string.IsNullOrEmpty(context.Cluster.Password)
            ? context.Cluster.Password
            : PasswordStore.GetOrCreate(context.StateDirectory, RedisAcl.DefaultUser);
        return context.Cluster.Acl
            ? new ClusterCredentials(
                true,
                defaultPassword,
                PasswordStore.GetOrCreate(context.StateDirectory, RedisAcl.AdminUser),
                PasswordStore.GetOrCreate(context.StateDirectory, RedisAcl.ReplicationUser))
            : ClusterCredentials.PasswordOnly(defaultPassword);
    }

    public Task StopAsync(TimeSpan timeout) => _runner?.StopAsync(timeout) ?? Task.CompletedTask;

    /// <summary>Reports a node that dies while the application runs; the cluster fails over, nothing is restarted.</summary>
    private static async Task WatchAsync(RedisNode node, ChildProcess process, ILogger logger)
    {
        var exitCode = await process.Exited;
        if (!process.StopRequested)
        {
            LogNodeExited(logger, node.Name, node.Endpoint, exitCode, node.LogPath);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Name} ({Endpoint}) exited with code {ExitCode} while the application was running; it is not restarted "
        + "(its replica takes over its slots after Cluster:NodeTimeout; restart AppHost to bring it back on its data). Its log: {LogPath}")]
    private static partial void LogNodeExited(ILogger logger, string name, string endpoint, int exitCode, string logPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "nodes starting 0/{Total} (state in {StateDirectory}, {How})")]
    private static partial void LogStarting(ILogger logger, int total, string stateDirectory, string how);
}
