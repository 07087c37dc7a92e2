using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// A fact that runs Redis in containers. It is skipped, saying which tool is absent and how CI installs it, only when
/// neither podman nor docker is on <c>PATH</c> (or the host's Redis binaries, from which the local image is built,
/// are absent). A runtime that is present but fails fails the test.
/// </summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        Skip = ContainerRuntimeCli.SkipReason ?? RedisTools.SkipReason;
    }
}
