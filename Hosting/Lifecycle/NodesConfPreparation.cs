using System.Globalization;
using Aspire.Hosting;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.NodesConf;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>
/// Before the nodes start on existing state, rewrites every nodes.conf with the nodes' current addresses
/// (ClusterInit's <c>prepare-node</c>, shared through the cluster library), so a node whose address changed finds its
/// peers by node ID and announces where it is now. The hosting never parses nodes.conf itself; nothing is written when
/// the addresses are right.
/// </summary>
internal static partial class NodesConfPreparation
{
    private const string NodesConfFileName = "nodes.conf";

    public static void Run(IReadOnlyList<RedisNode> nodes, ILogger logger)
    {
        var existing = nodes.Where(n => File.Exists(Path.Combine(n.Directory, NodesConfFileName))).ToList();
        if (existing.Count == 0)
        {
            return;
        }

        var arguments = new List<string>();
        foreach (var node in existing)
        {
            arguments.Add("--node");
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"{Path.Combine(node.Directory, NodesConfFileName)}={node.Endpoint}@{node.BusPort}"));
        }

        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = PrepareNodeCommand.Run(arguments, output, error);
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            LogLine(logger, line);
        }

        if (exitCode != 0)
        {
            throw new DistributedApplicationException($"The nodes were not started: {error.ToString().Trim()}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogLine(ILogger logger, string line);
}
