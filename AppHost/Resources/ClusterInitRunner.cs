using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Logging;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.State;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>
/// Runs ClusterInit as <c>dotnet &lt;dll&gt;</c> with the cluster described in its environment and waits for it
/// to exit: 0 means the cluster is ready; anything else, a timeout or a node dying meanwhile fails the start.
/// </summary>
internal sealed partial class ClusterInitRunner(ClusterInitResource resource) : IAppResource
{
    private const int LogTailLines = 15;
    private ChildProcess? _process;

    public string Name => resource.Name;

    public IReadOnlyList<ChildProcess> Processes => _process is null ? [] : [_process];

    public bool NeedsStop => _process is not null;

    public Task PrepareAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(resource.ProjectPath))
        {
            throw new AppHostException($"{Name}: {resource.ProjectPath} does not exist. Build it with `dotnet build AppHost` (AppHost references ClusterInit).");
        }

        return Task.CompletedTask;
    }

    public async Task StartAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger(AppHostLogging.Category);
        LogForming(logger, Name);
        var dll = resource.ProjectPath;
        var cluster = resource.Cluster;
        var environment = ClusterInitEnvironment.Build(Name, context.Cluster, cluster.Nodes, cluster.Credentials, context.Otlp, cluster.TlsCaPath);
        // Stale Cluster__* and exporter variables inherited from AppHost's own environment must not leak into the contract.
        var spec = new ChildProcessSpec(
            Name, DotNetHost.Path, [dll], Path.GetDirectoryName(dll)!, environment, cluster.Credentials.Secrets,
            ["Cluster__", "Cluster:", OtlpEnvironment.InheritedPrefix]);
        _process = ChildProcess.Start(spec, context.LoggerFactory.CreateLogger(Name));
        var nodeExited = Task.WhenAny(cluster.Processes.Select(p => p.Exited));
        Task finished;
        try
        {
            finished = await Task.WhenAny(_process.Exited, nodeExited).WaitAsync(context.AppHost.ClusterInitTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new AppHostException(
                $"{Name} did not finish within {context.AppHost.ClusterInitTimeout} (AppHost:ClusterInitTimeout).\n" +
                OutputTail.Format("Last lines it printed", _process.LastLines));
        }

        if (finished != _process.Exited)
        {
            throw NodeExitedFailure(cluster);
        }

        var exitCode = await _process.Exited;
        resource.ExitCode = exitCode;
        if (exitCode != 0)
        {
            throw new AppHostException(
                $"{Name} exited with code {exitCode}: the cluster is not ready.\n" + OutputTail.Format("Last lines it printed", _process.LastLines));
        }
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not null)
        {
            await _process.StopAsync(timeout);
            _process.Dispose();
            _process = null;
        }
    }

    private AppHostException NodeExitedFailure(RedisClusterResource cluster)
    {
        var process = cluster.Processes.First(p => p.Exited.IsCompleted);
        var node = cluster.Nodes.First(n => n.Name == process.Name);
        return new AppHostException(
            $"{node.Name} ({node.Endpoint}) exited with code {process.Exited.Result} while {Name} was running.\n" +
            OutputTail.Format($"Last lines of {node.LogPath}", LogFileTail.Read(node.LogPath, LogTailLines)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "forming cluster ({Name})")]
    private static partial void LogForming(ILogger logger, string name);
}
