namespace RedisAspire.Hosting;

/// <summary>How the nodes of a Redis Cluster run (<c>AppHost:Runtime</c>).</summary>
public enum RedisNodeRuntime
{
    /// <summary>
    /// <see cref="Process"/> when <c>redis-server</c> is on this machine (no container runtime and no NAT involved),
    /// else <see cref="Container"/> when a container runtime is configured; the choice and its reason are logged.
    /// </summary>
    Auto,

    /// <summary><c>redis-server</c> executables on this machine, started by Aspire with fixed, proxyless ports.</summary>
    Process,

    /// <summary>
    /// Containers of <see cref="RedisClusterOptions.ContainerImage"/> started by Aspire's orchestrator on
    /// <see cref="RedisClusterOptions.ContainerRuntime"/>, network mode announce (see <see cref="RedisContainerNetworkMode"/>).
    /// </summary>
    Container,
}
