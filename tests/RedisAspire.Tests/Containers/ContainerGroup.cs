namespace RedisAspire.Tests.Containers;

/// <summary>
/// Every container test: they run one after another (one six-container cluster at a time on a 2-core machine), and
/// <see cref="ContainerLeftoversFixture"/> checks, once they are all done, that they left nothing behind.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContainerGroup : ICollectionFixture<ContainerLeftoversFixture>
{
    public const string Name = "Containers";
}
