namespace RedisAspire.Hosting;

/// <summary>How the nodes of a Redis Cluster run (<c>AppHost:Runtime</c>).</summary>
public enum RedisNodeRuntime
{
    /// <summary>The best runtime this machine offers; today that is <see cref="Process"/> (the choice is logged).</summary>
    Auto,

    /// <summary><c>redis-server</c> executables on this machine, started by Aspire with fixed, proxyless ports.</summary>
    Process,

    /// <summary>Containers; not available in this version (the start fails with a message saying so).</summary>
    Container,
}
