using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// What AppHost runs in container mode: the runtime, the application id every container and network is labelled
/// with (<see cref="ContainerLabels.App"/>), the network mode and the container of each node.
/// </summary>
/// <param name="Runtime">The CLI, e.g. <c>podman</c> or <c>/usr/bin/docker</c>.</param>
/// <param name="AppId">This run's id (<see cref="ContainerAppId.Create"/>).</param>
/// <param name="StateKey">The state folder's key (<see cref="ContainerLabels.State"/>).</param>
/// <param name="Network">The network mode.</param>
/// <param name="Image">The node image.</param>
/// <param name="NetworkName">Bridge mode: the network AppHost created for this run; null otherwise.</param>
/// <param name="Subnet">Bridge mode: its subnet, e.g. <c>10.213.7.0/24</c>; null otherwise.</param>
/// <param name="AnnounceIp">The address every node announces (and, in bridge mode, publishes its ports on).</param>
/// <param name="ContainerNames">Container name by resource name (<c>redis-0</c> → <c>redisaspire-…-redis-0</c>).</param>
public sealed record ContainerDeployment(
    string Runtime,
    string AppId,
    string StateKey,
    ContainerNetwork Network,
    string Image,
    string? NetworkName,
    string? Subnet,
    string AnnounceIp,
    IReadOnlyDictionary<string, string> ContainerNames)
{
    /// <summary>The <c>--filter</c> value that lists this run's containers: <c>label=redisaspire.app=&lt;AppId&gt;</c>.</summary>
    public string LabelFilter => $"label={ContainerLabels.App}={AppId}";
}
