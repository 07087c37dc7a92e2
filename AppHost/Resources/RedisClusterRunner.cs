using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Logging;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.State;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>
/// Runs the cluster's nodes as <c>redis-server &lt;redis.conf&gt;</c> processes: checks the machine (binary, state
/// folder, ports) before anything starts, writes the configs, starts every node and waits until all answer PING.
/// </summary>
internal sealed partial class RedisClusterRunner(RedisClusterResource cluster) : IAppResource
{
    private readonly List<ChildProcess> _processes = [];
    private string _redisServer = "";

    public string Name => cluster.Name;

    public IReadOnlyList<ChildProcess> Processes => [.. _processes];

    public void Prepare(AppHostContext context)
    {
        var nodes = ClusterTopology.Compute(context.Cluster, context.StateDirectory);
        _redisServer = RedisServerLocator.Find(context.AppHost.RedisServerPath);
        StateFolder.EnsureWritable(context.StateDirectory);
        var password = !string.IsNullOrEmpty(context.Cluster.Password)
            ? context.Cluster.Password
            : StateFolder.Guard(context.StateDirectory, () => PasswordStore.GetOrCreate(context.StateDirectory));
        PortAvailability.EnsureFree(nodes);
        cluster.SetNodes(nodes, password);
    }

    public async Task StartAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger(AppHostLogging.Category);
        var nodes = cluster.Nodes;
        var password = cluster.Password;
        foreach (var node in nodes)
        {
            StateFolder.WriteNodeConfig(node, RedisConfigWriter.Render(node, context.Cluster, password, RuntimeInformation.OSArchitecture));
        }

        await NodesConfPreparer.RunAsync(nodes, ProjectPaths.ClusterInit, context.AppHost.ClusterInitTimeout, context.LoggerFactory, cancellationToken);
        LogStarting(logger, nodes.Count, context.StateDirectory, _redisServer);
        var started = new List<(RedisNode, ChildProcess)>();
        foreach (var node in nodes)
        {
            // The password lives in redis.conf only; the command line (visible in `ps`) carries just the config path.
            var spec = new ChildProcessSpec(
                node.Name, _redisServer, [node.ConfigPath], node.Directory, new Dictionary<string, string>(), [password], []);
            var process = ChildProcess.Start(spec, context.LoggerFactory.CreateLogger(node.Name));
            _processes.Add(process);
            started.Add((node, process));
        }

        cluster.Processes = _processes;
        await new NodeReadiness(context.AppHost, password, logger).WaitAllAsync(started, cancellationToken);
        foreach (var (node, process) in started)
        {
            _ = WatchAsync(node, process, logger);
        }
    }

    /// <summary>Reports a node that dies while the application runs; the cluster fails over, nothing is restarted.</summary>
    private static async Task WatchAsync(RedisNode node, ChildProcess process, ILogger logger)
    {
        var exitCode = await process.Exited;
        if (!process.StopRequested)
        {
            LogNodeExited(logger, node.Name, node.Endpoint, exitCode, node.LogPath);
        }
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync(timeout)));
        _processes.ForEach(p => p.Dispose());
        _processes.Clear();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Name} ({Endpoint}) exited with code {ExitCode} while the application was running; it is not restarted "
        + "(its replica takes over its slots after Cluster:NodeTimeout; restart AppHost to bring it back on its data). Its log: {LogPath}")]
    private static partial void LogNodeExited(ILogger logger, string name, string endpoint, int exitCode, string logPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "nodes starting 0/{Total} (state in {StateDirectory}, {RedisServer})")]
    private static partial void LogStarting(ILogger logger, int total, string stateDirectory, string redisServer);
}
