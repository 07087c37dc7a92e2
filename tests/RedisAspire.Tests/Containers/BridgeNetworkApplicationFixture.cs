namespace RedisAspire.Tests.Containers;

/// <summary>The application with <c>Container:Network=bridge</c>.</summary>
public sealed class BridgeNetworkApplicationFixture : ContainerApplicationFixture
{
    public override string NetworkMode => "bridge";
}
