namespace RedisAspire.AppHost.Resources;

/// <summary>The one-shot ClusterInit project: forms or verifies the cluster, then exits 0 when it is ready.</summary>
public sealed class ClusterInitResource
{
    internal ClusterInitResource(string name, string projectPath, RedisClusterResource cluster)
    {
        Name = name;
        ProjectPath = projectPath;
        Cluster = cluster;
    }

    public string Name { get; }

    /// <summary>The built dll, run as <c>dotnet &lt;dll&gt;</c> from its own folder.</summary>
    public string ProjectPath { get; }

    public RedisClusterResource Cluster { get; }

    /// <summary>The exit code once it has run; null before.</summary>
    public int? ExitCode { get; internal set; }
}
