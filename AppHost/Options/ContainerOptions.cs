using RedisAspire.AppHost.Containers;

namespace RedisAspire.AppHost.Options;

/// <summary>How AppHost runs the nodes as containers; bound from the <c>Container</c> section.</summary>
public sealed class ContainerOptions
{
    public const string SectionName = "Container";

    /// <summary><c>docker</c> or <c>podman</c> (a name on PATH or a full path); empty tries docker, then podman.</summary>
    public string Runtime { get; set; } = "";

    /// <summary>
    /// Image with a pinned tag. An image under <see cref="ContainerImages.LocalPrefix"/> that is missing is built from
    /// this machine's redis-server; any other is pulled by the runtime.
    /// </summary>
    public string Image { get; set; } = ContainerImages.Redis;

    /// <summary>Extra <c>run</c> arguments, split like a shell would, e.g. <c>--runtime runc --ulimit nofile=10000:10000</c>.</summary>
    public string RunArgs { get; set; } = "";

    /// <summary>Network mode; unset means <see cref="ContainerNetworkDefaults.ForCurrentPlatform"/>.</summary>
    public ContainerNetwork? Network { get; set; }

    /// <summary>Bridge mode: the address nodes announce and publish their ports on; empty means the network's gateway.</summary>
    public string AnnounceIp { get; set; } = "";

    /// <summary>Bridge mode: the IPv4 subnet of the application's network; empty picks a free /24.</summary>
    public string Subnet { get; set; } = "";

    /// <summary>How long <c>docker info</c> / <c>podman info</c> may take when AppHost looks for a runtime.</summary>
    public TimeSpan DetectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one runtime command (network create, image build or pull, rm) may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
