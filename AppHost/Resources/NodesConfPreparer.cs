using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>
/// Before nodes start on existing state, runs <c>ClusterInit prepare-node</c> over every nodes.conf
/// with the nodes' current addresses, so a node whose address changed (a new <c>Cluster:AnnounceIp</c>)
/// announces where it is now and finds its peers by node ID. AppHost never reads nodes.conf itself:
/// the cluster format belongs to ClusterInit. prepare-node writes nothing when the addresses are right.
/// </summary>
internal static class NodesConfPreparer
{
    private const string NodesConfFileName = "nodes.conf";

    public static async Task RunAsync(IReadOnlyList<RedisNode> nodes, string clusterInitDll, TimeSpan timeout, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var existing = nodes.Where(n => File.Exists(Path.Combine(n.Directory, NodesConfFileName))).ToList();
        if (existing.Count == 0)
        {
            return;
        }

        List<string> arguments = [clusterInitDll, "prepare-node"];
        foreach (var node in existing)
        {
            arguments.Add("--node");
            arguments.Add($"{Path.Combine(node.Directory, NodesConfFileName)}={node.Endpoint}@{node.BusPort}");
        }

        var spec = new ChildProcessSpec(
            "prepare-node", DotNetHost.Path, arguments, Path.GetDirectoryName(clusterInitDll)!, new Dictionary<string, string>(), [], ["Cluster__", "Cluster:"]);
        using var process = ChildProcess.Start(spec, loggerFactory.CreateLogger("prepare-node"));
        int exitCode;
        try
        {
            exitCode = await process.Exited.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            await process.StopAsync(TimeSpan.FromSeconds(2));
            throw new AppHostException($"prepare-node did not finish within {timeout.TotalSeconds:0} s.\n" + OutputTail.Format("Last lines it printed", process.LastLines));
        }

        if (exitCode != 0)
        {
            throw new AppHostException(
                $"prepare-node exited with code {exitCode}; the nodes were not started.\n" + OutputTail.Format("Last lines it printed", process.LastLines));
        }
    }
}
