namespace RedisAspire.Tests.Containers;

/// <summary>The application with <c>Container:Network=host</c>.</summary>
public sealed class HostNetworkApplicationFixture : ContainerApplicationFixture
{
    public override string NetworkMode => "host";
}
