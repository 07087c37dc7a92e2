namespace RedisAspire.Tests.Containers;

/// <summary>The application with <c>Container:Network=shared</c>.</summary>
public sealed class SharedNetworkApplicationFixture : ContainerApplicationFixture
{
    public override string NetworkMode => "shared";
}
