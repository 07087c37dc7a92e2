namespace RedisAspire.AppHost.Options;

/// <summary>How AppHost itself behaves; bound from the <c>AppHost</c> section.</summary>
public sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>
    /// Folder for redis.conf, nodes.conf, AOF files and the generated password. A relative path is resolved against
    /// the AppHost project directory (or the current directory when AppHost runs away from its sources).
    /// </summary>
    public string StateDirectory { get; set; } = ".state";

    public AppHostRuntime Runtime { get; set; } = AppHostRuntime.Auto;

    /// <summary>Full path of <c>redis-server</c>; empty means look it up on PATH.</summary>
    public string RedisServerPath { get; set; } = "";

    /// <summary>How long every node may take to answer PING after it was started (AOF loading included).</summary>
    public TimeSpan NodeStartTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long cluster-init may run before AppHost gives up on it.</summary>
    public TimeSpan ClusterInitTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long sample-api may take, once started, until <c>GET /health</c> answers 200.</summary>
    public TimeSpan SampleApiStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a child may take to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connect and answer timeout of one readiness probe (AUTH + PING).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Interval between two readiness probes of the same node.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
