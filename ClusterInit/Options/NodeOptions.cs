namespace RedisAspire.ClusterInit.Options;

/// <summary>One Redis node ClusterInit manages, as the orchestrator describes it.</summary>
public sealed class NodeOptions
{
    /// <summary>Resource name, e.g. <c>redis-0</c>; used in logs and errors.</summary>
    public string Name { get; set; } = "";

    /// <summary>The announced <c>host:port</c> the node is reachable at (IPv6 as <c>[addr]:port</c>).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Cluster bus port; defaults to the client port + 10000.</summary>
    public int? BusPort { get; set; }

    /// <summary>Failure domain (host, rack or zone label); replicas are kept off their master's domain.</summary>
    public string? FailureDomain { get; set; }
}
