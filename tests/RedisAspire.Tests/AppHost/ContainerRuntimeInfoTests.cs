using System.Text.Json;
using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Reading <c>info</c>: which engine answers and what changes how its containers run.</summary>
public sealed class ContainerRuntimeInfoTests
{
    private const string RootfulPodman = """
        {"host": {"arch": "amd64", "security": {"rootless": false, "selinuxEnabled": false}}, "version": {"APIVersion": "4.3.1", "Version": "4.3.1"}}
        """;

    [Fact]
    public void PodmanInfoGivesItsVersionAndSecurity()
    {
        var info = ContainerRuntimeInfo.Parse("podman", RootfulPodman);

        Assert.Equal(new ContainerRuntimeInfo("podman", ContainerRuntimeKind.Podman, "4.3.1", Rootless: false, SelinuxEnabled: false), info);
    }

    [Fact]
    public void RootlessPodmanOnSelinuxIsRecognized()
    {
        var info = ContainerRuntimeInfo.Parse("/usr/bin/podman", """{"host": {"security": {"rootless": true, "selinuxEnabled": true}}, "version": {"Version": "5.2.0"}}""");

        Assert.True(info.Rootless);
        Assert.True(info.SelinuxEnabled);
        Assert.Equal("podman", info.Name);
    }

    [Fact]
    public void DockerInfoGivesServerVersionAndSecurityOptions()
    {
        var info = ContainerRuntimeInfo.Parse("docker", """{"ServerVersion": "28.2.2", "SecurityOptions": ["name=seccomp,profile=builtin", "name=cgroupns"]}""");

        Assert.Equal(new ContainerRuntimeInfo("docker", ContainerRuntimeKind.Docker, "28.2.2", Rootless: false, SelinuxEnabled: false), info);
    }

    [Fact]
    public void RootlessDockerWithSelinuxIsRecognized()
    {
        var info = ContainerRuntimeInfo.Parse("docker", """{"ServerVersion": "27.0.1", "SecurityOptions": ["name=seccomp,profile=builtin", "name=rootless", "name=selinux"]}""");

        Assert.True(info.Rootless);
        Assert.True(info.SelinuxEnabled);
    }

    [Fact]
    public void PodmanBehindADockerCommandIsTreatedAsPodman()
    {
        Assert.Equal(ContainerRuntimeKind.Podman, ContainerRuntimeInfo.Parse("docker", RootfulPodman).Kind);
    }

    [Theory]
    [InlineData("Cannot connect to the Docker daemon")]
    [InlineData("[1, 2]")]
    public void TextThatIsNoInfoObjectIsRejected(string text)
    {
        Assert.ThrowsAny<JsonException>(() => ContainerRuntimeInfo.Parse("docker", text));
    }
}
