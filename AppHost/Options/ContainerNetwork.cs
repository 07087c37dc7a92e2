namespace RedisAspire.AppHost.Options;

/// <summary>How the node containers are networked (<c>Container:Network</c>); every mode announces addresses clients and nodes reach.</summary>
public enum ContainerNetwork
{
    /// <summary><c>--network host</c>: nodes listen on the host's ports and announce <c>Cluster:AnnounceIp</c>. Linux only.</summary>
    Host,

    /// <summary>
    /// Every node in redis-0's network namespace on its own port, announcing 127.0.0.1; redis-0 publishes every client and
    /// bus port 1:1 on the host's 127.0.0.1. Works wherever published ports reach the host's loopback (Docker Desktop too).
    /// </summary>
    Shared,

    /// <summary>
    /// A network of this application, one IP per node; client and bus ports published on the announce address (the
    /// network's gateway unless <c>Container:AnnounceIp</c> is set), which the host and the containers both reach.
    /// </summary>
    Bridge,
}
