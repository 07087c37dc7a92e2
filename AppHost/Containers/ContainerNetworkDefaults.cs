using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Containers;

/// <summary>The network mode used when <c>Container:Network</c> is not set.</summary>
public static class ContainerNetworkDefaults
{
    /// <summary>
    /// Linux: <see cref="ContainerNetwork.Host"/> (no NAT at all, the same endpoints as process mode). Elsewhere the
    /// runtime lives in a VM whose host network is not this machine's, so <see cref="ContainerNetwork.Shared"/>, whose
    /// 1:1 ports on 127.0.0.1 work with Docker Desktop and podman machine.
    /// </summary>
    public static ContainerNetwork ForCurrentPlatform() => For(OperatingSystem.IsLinux());

    public static ContainerNetwork For(bool isLinux) => isLinux ? ContainerNetwork.Host : ContainerNetwork.Shared;
}
