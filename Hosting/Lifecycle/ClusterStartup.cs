using System.Runtime.InteropServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using RedisAspire.Hosting.Configuration;
using RedisAspire.Hosting.State;
using RedisAspire.Hosting.Tls;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>
/// Everything that happens before a node starts, in order: the state folder is locked, leftovers of a killed AppHost are
/// replaced, every port is checked free, the passwords are loaded (or generated once), TLS material is made when asked
/// for, every redis.conf is written (0600) and existing nodes.conf files get the nodes' current addresses. Any failure
/// stops the start before a node runs; a state folder this start created is removed again.
/// </summary>
internal static partial class ClusterStartup
{
    private static readonly TimeSpan ContainerPortsTimeout = TimeSpan.FromSeconds(30);

    public static async Task PrepareAsync(RedisClusterResource cluster, ILogger logger, CancellationToken cancellationToken)
    {
        var session = cluster.Session;
        var nodes = cluster.Nodes.Select(n => n.Node).ToList();
        try
        {
            session.Open();
            RenameEarlierNodeFolders(cluster, logger);
            if (cluster.Runtime == RedisNodeRuntime.Container)
            {
                // The image must be here before the nodes start, and no container of an earlier run on this folder.
                if (cluster.Options.EnsureContainerImage is { } ensureImage)
                {
                    await ensureImage(logger, cancellationToken).ConfigureAwait(false);
                }

                await Containers.EarlierNodeContainers.RemoveAsync(cluster, logger, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await LeftoverNodes.ReplaceAsync(nodes, logger, cancellationToken).ConfigureAwait(false);
            }

            if (cluster.Runtime == RedisNodeRuntime.Container)
            {
                await WaitForPortsAsync(cluster, nodes, logger, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                PortAvailability.EnsureFree(nodes);
            }
            var credentials = await LoadCredentialsAsync(cluster, cancellationToken).ConfigureAwait(false);
            if (cluster.Options.Tls)
            {
                StateFolder.Guard(cluster.StateDirectory, () => DevelopmentCertificates.Ensure(cluster.StateDirectory, nodes, DateTimeOffset.UtcNow)).Dispose();
            }

            foreach (var node in nodes)
            {
                StateFolder.WriteNodeConfig(node, RedisConfigWriter.Render(node, cluster.Options, credentials, RuntimeInformation.OSArchitecture, cluster.Runtime == RedisNodeRuntime.Container));
            }

            NodesConfPreparation.Run(nodes, logger);
            session.Credentials = credentials;
            LogPrepared(logger, nodes.Count, cluster.StateDirectory);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            session.RemoveCreatedStateDirectory();
            throw;
        }
    }

    /// <summary>Says how the nodes run and why.</summary>
    public static void LogRuntime(ILogger logger, RedisClusterResource cluster)
    {
        if (cluster.Runtime == RedisNodeRuntime.Container)
        {
            LogContainersChosen(logger, cluster.Name, cluster.Nodes.Count, cluster.Options.ContainerImage, cluster.RuntimeReason);
            return;
        }

        var command = cluster.Nodes.OfType<RedisClusterNodeResource>().First().Command;
        LogRuntimeChosen(logger, cluster.Name, cluster.Nodes.Count, command, cluster.RuntimeReason);
    }

    // The orchestrator removes the containers of a stopped AppHost after the AppHost has exited (measured: podman holds
    // the published ports a few seconds longer), so a start right after a stop waits for them, bounded.
    private static async Task WaitForPortsAsync(RedisClusterResource cluster, IReadOnlyList<RedisNode> nodes, ILogger logger, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var logged = false;
        while (true)
        {
            try
            {
                PortAvailability.EnsureFree(nodes);
                return;
            }
            catch (DistributedApplicationException ex) when (ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= ContainerPortsTimeout)
                {
                    throw new DistributedApplicationException(
                        $"{ex.Message} Waited {ContainerPortsTimeout.TotalSeconds:0} s for node containers of an earlier run to go; see "
                        + $"`{cluster.Options.ContainerRuntime} ps -a --filter label=io.redisaspire.state-directory={cluster.StateDirectory}`.", ex);
                }

                if (!logged)
                {
                    LogWaitingForPorts(logger, ex.Message);
                    logged = true;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    // Earlier versions named every node folder redis-<i> whatever the cluster's name: the same data, moved once.
    private static void RenameEarlierNodeFolders(RedisClusterResource cluster, ILogger logger)
    {
        foreach (var node in cluster.Nodes.Select(n => n.Node))
        {
            var earlier = Path.Combine(cluster.StateDirectory, $"redis-{node.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (earlier != node.Directory && Directory.Exists(earlier) && !Directory.Exists(node.Directory))
            {
                StateFolder.Guard(earlier, () =>
                {
                    Directory.Move(earlier, node.Directory);
                    return true;
                });
                LogRenamed(logger, earlier, node.Directory);
            }
        }
    }

    private static async Task<ClusterCredentials> LoadCredentialsAsync(RedisClusterResource cluster, CancellationToken cancellationToken)
    {
        var application = await ReadPasswordAsync(cluster.PasswordParameter, cancellationToken).ConfigureAwait(false);
        if (!cluster.Options.Acl)
        {
            return ClusterCredentials.PasswordOnly(application);
        }

        var admin = await ReadPasswordAsync(cluster.AdminPasswordParameter, cancellationToken).ConfigureAwait(false);
        var replication = await ReadPasswordAsync(cluster.ReplicationPasswordParameter!, cancellationToken).ConfigureAwait(false);
        return new ClusterCredentials(true, application, admin, replication);
    }

    private static async Task<string> ReadPasswordAsync(ParameterResource parameter, CancellationToken cancellationToken)
    {
        var password = await parameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
        if (password.Length == 0 || password.Any(c => c == ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new DistributedApplicationException(
                $"The password of parameter '{parameter.Name}' is empty or contains ',', whitespace or control characters: it goes into redis.conf "
                + $"and into a StackExchange.Redis connection string. Set Parameters:{parameter.Name} to another value, or remove it to use the generated one.");
        }

        return password;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cluster}: {Count} nodes run as {Command} processes ({Why})")]
    private static partial void LogRuntimeChosen(ILogger logger, string cluster, int count, string command, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cluster}: {Count} nodes run as containers of {Image} ({Why})")]
    private static partial void LogContainersChosen(ILogger logger, string cluster, int count, string image, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "waiting (up to 30 s) for the ports of an earlier run's node containers to be released: {Detail}")]
    private static partial void LogWaitingForPorts(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "node folder {Earlier} renamed to {Current} (the node keeps its nodes.conf and AOF)")]
    private static partial void LogRenamed(ILogger logger, string earlier, string current);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} node configurations written under {StateDirectory}")]
    private static partial void LogPrepared(ILogger logger, int count, string stateDirectory);
}
