using System.Net.Sockets;
using System.Security.Authentication;
using RedisAspire.Cluster;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Readiness;
using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.Health;

/// <summary>
/// Checks readiness with real, read-only commands on every node (INFO, CLUSTER INFO, CLUSTER NODES, DBSIZE) and the
/// cluster library's definition of Ready. Keeps one admin connection per node, reconnecting after failures.
/// </summary>
internal sealed class ClusterProbe : IAsyncDisposable
{
    private readonly RedisClusterResource _cluster;
    private readonly IReadOnlyList<ManagedNode> _nodes;

    public ClusterProbe(RedisClusterResource cluster, ClusterCredentials credentials)
    {
        _cluster = cluster;
        var tls = cluster.TlsCaPath is { } ca ? TlsClientSettings.FromCaFile(ca) : null;
        _nodes = [.. cluster.Nodes.Select(n =>
        {
            var endpoint = NodeEndpoint.Parse(n.Node.Endpoint);
            var connection = new RedisAdminConnection(n.Name, endpoint, credentials.AdminUser, credentials.AdminAuthPassword, cluster.Options.CommandTimeout, tls);
            return new ManagedNode(n.Node.Index, n.Name, endpoint, n.Node.BusPort, failureDomain: null, connection);
        })];
    }

    /// <summary>Inspects every node (in parallel) and judges the whole; a node that does not answer makes it not Ready.</summary>
    public async Task<ClusterVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_nodes.Select(n => InspectAsync(n, cancellationToken))).ConfigureAwait(false);
        var snapshots = results.Where(r => r.Snapshot is not null).Select(r => r.Snapshot!).ToList();
        var unreachable = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        var problems = unreachable.Count > 0
            ? unreachable
            : ReadinessEvaluator.Evaluate(snapshots, _cluster.Options.Masters, _cluster.Options.ReplicasPerMaster);
        return new ClusterVerdict(problems.Count == 0, problems, snapshots, DateTimeOffset.UtcNow);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<(NodeSnapshot? Snapshot, string? Error)> InspectAsync(ManagedNode node, CancellationToken cancellationToken)
    {
        try
        {
            return (await NodeInspector.InspectAsync(node, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"{node.Display} does not answer: {ex.Message}");
        }
    }

    /// <summary>What a node that is down, starting, loading or misbehaving makes a command throw.</summary>
    internal static bool IsNodeFailure(Exception exception) => exception is IOException or TimeoutException or SocketException
        or AuthenticationException or RedisServerException or RespProtocolException or ClusterException or OperationCanceledException;
}
