using System.Globalization;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Containers;

/// <summary>Builds the CLI arguments AppHost passes to docker or podman. Pure: no secret ever goes into them.</summary>
internal static class ContainerArguments
{
    /// <summary>
    /// <c>run --pull never --name … --label … [extra] -v &lt;state&gt;/redis-i:/data [network] --entrypoint redis-server &lt;image&gt; /data/redis.conf</c>,
    /// run attached: the CLI lives as long as the node, forwards SIGTERM to it and exits with its exit code.
    /// </summary>
    public static IReadOnlyList<string> Run(ContainerDeployment deployment, ContainerRunSettings settings, RedisNode node, IReadOnlyList<RedisNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(nodes);
        List<string> arguments = ["run", "--pull", "never", "--name", deployment.ContainerNames[node.Name]];
        arguments.AddRange(Labels(deployment, settings, node.Name));
        arguments.AddRange(settings.ExtraArguments);
        arguments.Add("-v");
        arguments.Add($"{node.Directory}:{RedisConfigWriter.ContainerDataDirectory}{(settings.SelinuxRelabel ? ":Z" : "")}");
        arguments.AddRange(NetworkArguments(deployment, node, nodes));
        // Our own entrypoint: an image's entrypoint script (e.g. the official one chowns /data) must not touch the state folder.
        arguments.AddRange(["--entrypoint", "redis-server", deployment.Image, $"{RedisConfigWriter.ContainerDataDirectory}/redis.conf"]);
        return arguments;
    }

    /// <summary>
    /// <c>network create --label … --subnet &lt;subnet&gt; --gateway &lt;gateway&gt; &lt;name&gt;</c>; podman also gets
    /// <c>--disable-dns</c>: nodes use addresses only, and its DNS server is one more process (noisy without syslog).
    /// </summary>
    public static IReadOnlyList<string> CreateNetwork(
        ContainerDeployment deployment, ContainerRunSettings settings, ContainerRuntimeKind kind, string subnet, string gateway)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(settings);
        List<string> arguments = ["network", "create"];
        if (kind == ContainerRuntimeKind.Podman)
        {
            arguments.Add("--disable-dns");
        }

        arguments.AddRange(Labels(deployment, settings, resource: null));
        arguments.AddRange(["--subnet", subnet, "--gateway", gateway, deployment.NetworkName ?? throw new InvalidOperationException("Only bridge mode creates a network.")]);
        return arguments;
    }

    private static IEnumerable<string> Labels(ContainerDeployment deployment, ContainerRunSettings settings, string? resource)
    {
        yield return "--label";
        yield return $"{ContainerLabels.App}={deployment.AppId}";
        if (resource is not null)
        {
            yield return "--label";
            yield return $"{ContainerLabels.Resource}={resource}";
        }

        yield return "--label";
        yield return $"{ContainerLabels.State}={deployment.StateKey}";
        yield return "--label";
        yield return $"{ContainerLabels.Owner}={settings.Owner}";
    }

    private static IEnumerable<string> NetworkArguments(ContainerDeployment deployment, RedisNode node, IReadOnlyList<RedisNode> nodes)
    {
        switch (deployment.Network)
        {
            case ContainerNetwork.Host:
                return ["--network", "host"];
            case ContainerNetwork.Shared when node.Index != 0:
                return ["--network", "container:" + deployment.ContainerNames[nodes[0].Name]];
            case ContainerNetwork.Shared:
                // The namespace's owner publishes every node's ports 1:1 on the host's loopback.
                return nodes.SelectMany(n => Publish("127.0.0.1", n));
            case ContainerNetwork.Bridge:
                return new[] { "--network", deployment.NetworkName! }.Concat(Publish(node.Host, node));
            default:
                throw new ArgumentOutOfRangeException(nameof(deployment), deployment.Network, "Unknown network mode.");
        }
    }

    private static IEnumerable<string> Publish(string address, RedisNode node) =>
        [.. Port(address, node.Port), .. Port(address, node.BusPort)];

    private static string[] Port(string address, int port)
    {
        var text = port.ToString(CultureInfo.InvariantCulture);
        return ["-p", $"{address}:{text}:{text}"];
    }
}
