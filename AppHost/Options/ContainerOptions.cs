using RedisAspire.AppHost.Containers;

namespace RedisAspire.AppHost.Options;

/// <summary>The node image and the container runtime the deployment verbs build images with; bound from the <c>Container</c> section.</summary>
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

    /// <summary>How long <c>docker info</c> / <c>podman info</c> may take when a verb looks for a runtime.</summary>
    public TimeSpan DetectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one runtime command (network create, image build or pull, rm) may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
