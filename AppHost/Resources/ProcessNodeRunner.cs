using System.Runtime.InteropServices;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>Runs each node as <c>redis-server &lt;redis.conf&gt;</c> on this machine, bound to <c>Cluster:AnnounceIp</c>.</summary>
internal sealed class ProcessNodeRunner : INodeRunner
{
    private readonly List<ChildProcess> _processes = [];
    private string _redisServer = "";

    public string Description => _redisServer;

    public IReadOnlyList<ChildProcess> Processes => [.. _processes];

    public bool NeedsStop => _processes.Count > 0;

    public Task<IReadOnlyList<RedisNode>> PrepareAsync(AppHostContext context, ClusterCredentials credentials, CancellationToken cancellationToken)
    {
        _redisServer = RedisServerLocator.Find(context.AppHost.RedisServerPath);
        var nodes = ClusterTopology.Compute(context.Cluster, context.StateDirectory);
        PortAvailability.EnsureFree(nodes);
        return Task.FromResult(nodes);
    }

    public Task<IReadOnlyList<RedisNode>> ProvisionAsync(AppHostContext context, IReadOnlyList<RedisNode> nodes, CancellationToken cancellationToken) =>
        Task.FromResult(nodes);

    public string RenderConfig(RedisNode node, AppHostContext context, ClusterCredentials credentials) =>
        RedisConfigWriter.Render(node, context.Cluster, credentials, RuntimeInformation.OSArchitecture);

    public Task<IReadOnlyList<(RedisNode Node, ChildProcess Process)>> StartAsync(
        AppHostContext context, IReadOnlyList<RedisNode> nodes, ClusterCredentials credentials, CancellationToken cancellationToken)
    {
        var started = new List<(RedisNode, ChildProcess)>();
        foreach (var node in nodes)
        {
            // Passwords live in redis.conf only; the command line (visible in `ps`) carries just the config path.
            var spec = new ChildProcessSpec(node.Name, _redisServer, [node.ConfigPath], node.Directory, new Dictionary<string, string>(), credentials.Secrets, []);
            var process = ChildProcess.Start(spec, context.LoggerFactory.CreateLogger(node.Name));
            _processes.Add(process);
            started.Add((node, process));
        }

        return Task.FromResult<IReadOnlyList<(RedisNode, ChildProcess)>>(started);
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync(timeout)));
        _processes.ForEach(p => p.Dispose());
        _processes.Clear();
    }
}
