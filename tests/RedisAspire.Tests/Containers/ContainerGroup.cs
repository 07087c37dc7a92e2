namespace RedisAspire.Tests.Containers;

/// <summary>Every test that runs containers: one after another (one six-container cluster at a time on a 2-core machine).</summary>
[CollectionDefinition(Name)]
public sealed class ContainerGroup
{
    public const string Name = "Containers";
}
