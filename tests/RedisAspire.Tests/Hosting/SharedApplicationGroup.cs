namespace RedisAspire.Tests.Hosting;

/// <summary>The test classes that share <see cref="SharedApplicationFixture"/>'s application; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedApplicationGroup : ICollectionFixture<SharedApplicationFixture>
{
    public const string Name = "Shared application";
}
