using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.Containers;

/// <summary>
/// The container side of <c>AddRedisCluster</c> (network mode announce): which runtime, which image, which address, and
/// one <see cref="RedisClusterNodeContainerResource"/> per node for Aspire's orchestrator to run.
/// </summary>
internal static class ContainerNodes
{
    /// <summary>Label every node container carries: the cluster's name. Tests and people find what a run left with it.</summary>
    public const string ClusterLabel = "io.redisaspire.cluster";

    /// <summary>Label every node container carries: the state folder it runs on.</summary>
    public const string StateLabel = "io.redisaspire.state-directory";

    // Podman refuses to start a container whose ulimits exceed the host's ("error setting rlimit"); the same values on
    // both runtimes keep the nodes alike. Redis lowers maxclients to fit and says so in its log.
    private static readonly string[] Ulimits = ["--ulimit", "nofile=10000:10000", "--ulimit", "nproc=4096:4096"];

    /// <summary>The runtime name Aspire's orchestrator understands, or an error naming the setting to fix.</summary>
    public static string RuntimeName(RedisClusterOptions options)
    {
        var runtime = options.ContainerRuntime.Trim().ToLowerInvariant();
        return runtime is "docker" or "podman"
            ? runtime
            : throw new DistributedApplicationException(
                $"Container nodes need a container runtime, docker or podman; got '{options.ContainerRuntime}'. Install one, or set Container:Runtime "
                + "(or ASPIRE_CONTAINER_RUNTIME) to docker or podman; or run the nodes as processes with --AppHost:Runtime=process.");
    }

    /// <summary>Adds node <paramref name="node"/> as a container of <paramref name="image"/> announcing <c>node.Host</c>.</summary>
    public static IRedisClusterNodeResource Add(
        IDistributedApplicationBuilder builder, RedisClusterResource cluster, RedisNode node, string image, Action<EndpointAnnotation, string, int, string> fixedEndpoint)
    {
        var resource = new RedisClusterNodeContainerResource(node, cluster);
        var (name, tag) = SplitImage(image);
        var scheme = cluster.Options.Tls ? "rediss" : "redis";
        builder.AddResource(resource)
            .WithAnnotation(new ContainerImageAnnotation { Image = name, Tag = tag })
            // The config path is the only argument: passwords live in the 0600 redis.conf, never on a command line.
            .WithArgs("redis-server", node.ConfigPath)
            // At the same path as on the host: redis.conf, nodes.conf, the AOF and TLS files keep one name everywhere.
            .WithBindMount(node.Directory, node.Directory)
            .WithContainerRuntimeArgs([.. Ulimits, "--label", $"{ClusterLabel}={cluster.Name}", "--label", $"{StateLabel}={cluster.StateDirectory}"])
            .WithEndpoint(RedisClusterNodeResource.ClientEndpointName, e => fixedEndpoint(e, node.Host, node.Port, scheme))
            .WithEndpoint(RedisClusterNodeResource.BusEndpointName, e => fixedEndpoint(e, node.Host, node.BusPort, "tcp"));
        return resource;
    }

    /// <summary>Splits <c>repository:tag</c>; a missing tag or <c>latest</c> is refused (the image must be pinned).</summary>
    public static (string Name, string Tag) SplitImage(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var colon = image.LastIndexOf(':');
        var tag = colon > image.LastIndexOf('/') ? image[(colon + 1)..] : "";
        if (tag.Length == 0 || tag == "latest")
        {
            throw new DistributedApplicationException(
                string.Create(CultureInfo.InvariantCulture, $"Container:Image '{image}' must name a pinned tag (e.g. localhost/redisaspire/redis:7.0.15), never latest or none."));
        }

        return (image[..colon], tag);
    }
}
