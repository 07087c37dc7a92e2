using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The run arguments AppHost adds on its own: bounded ulimits, and the caller's user for rootful docker.</summary>
public sealed class ContainerRunDefaultsTests
{
    private static readonly ContainerRuntimeInfo Podman = new("podman", ContainerRuntimeKind.Podman, "4.3.1", Rootless: false, SelinuxEnabled: false);
    private static readonly ContainerRuntimeInfo Docker = new("docker", ContainerRuntimeKind.Docker, "28.2.2", Rootless: false, SelinuxEnabled: false);

    [Fact]
    public void UlimitsAreRedisNeedsCappedByTheHostsOwnLimits()
    {
        Assert.Equal(
            ["--ulimit", "nofile=10032:10032", "--ulimit", "nproc=4096:4096"],
            ContainerRunDefaults.Apply([], Podman, (20000, 96365), (0, 0)));
        Assert.Equal(
            ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=512:512"],
            ContainerRunDefaults.Apply([], Podman, (1024, 512), (0, 0)));
    }

    [Fact]
    public void UnknownHostLimitsAddNoUlimit()
    {
        Assert.Empty(ContainerRunDefaults.Apply([], Podman, null, null));
    }

    [Fact]
    public void RunArgsThatSetAUlimitReplaceOnlyThatDefaultAndComeLast()
    {
        var arguments = ContainerRunDefaults.Apply(["--ulimit", "nofile=5000:5000", "--runtime", "runc"], Podman, (20000, 96365), (0, 0));

        Assert.Equal(["--ulimit", "nproc=4096:4096", "--ulimit", "nofile=5000:5000", "--runtime", "runc"], arguments);
    }

    [Fact]
    public void UlimitHostInRunArgsDisablesEveryDefaultUlimit()
    {
        Assert.Equal(["--ulimit=host"], ContainerRunDefaults.Apply(["--ulimit=host"], Podman, (20000, 96365), (0, 0)));
    }

    [Fact]
    public void RootfulDockerRunsTheNodeAsTheCallingUser()
    {
        Assert.Equal(["--user", "1000:1000"], ContainerRunDefaults.Apply([], Docker, null, (1000, 1000)));
    }

    [Fact]
    public void PodmanRootlessDockerAndRootKeepTheImagesUser()
    {
        Assert.Empty(ContainerRunDefaults.Apply([], Podman, null, (1000, 1000)));
        Assert.Empty(ContainerRunDefaults.Apply([], Docker with { Rootless = true }, null, (1000, 1000)));
        Assert.Empty(ContainerRunDefaults.Apply([], Docker, null, (0, 0)));
        Assert.Equal(["-u", "1:1"], ContainerRunDefaults.Apply(["-u", "1:1"], Docker, null, (1000, 1000)));
    }

    [Fact]
    public void ProcLimitsGiveTheHardLimits()
    {
        const string Limits = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max processes             96365                96365                processes
            Max open files            1024                 20000                files
            """;

        Assert.Equal((20000L, 96365L), ContainerRunDefaults.ParseProcLimits(Limits));
        Assert.Equal((long.MaxValue, 7L), ContainerRunDefaults.ParseProcLimits("Max open files  1 unlimited files\nMax processes 7 7 processes"));
        Assert.Null(ContainerRunDefaults.ParseProcLimits("Max cpu time unlimited unlimited seconds"));
    }
}
