using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.Inspection;

/// <summary>A configured node with its admin connection.</summary>
public sealed class ManagedNode : IAsyncDisposable
{
    public ManagedNode(int index, string name, NodeEndpoint endpoint, int busPort, string? failureDomain, RedisAdminConnection connection)
    {
        Index = index;
        Name = name;
        Endpoint = endpoint;
        BusPort = busPort;
        FailureDomain = failureDomain;
        Connection = connection;
        ResolvedEndpoint = endpoint;
    }

    public int Index { get; }

    public string Name { get; }

    public NodeEndpoint Endpoint { get; }

    public int BusPort { get; }

    public string? FailureDomain { get; }

    public RedisAdminConnection Connection { get; }

    /// <summary>
    /// The endpoint with its host resolved to an IP address, as Redis writes it in CLUSTER NODES
    /// and as CLUSTER MEET needs it; equal to <see cref="Endpoint"/> for an IP literal.
    /// </summary>
    public NodeEndpoint ResolvedEndpoint { get; set; }

    /// <summary><c>redis-0 (127.0.0.1:7000)</c>.</summary>
    public string Display => Connection.Display;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
