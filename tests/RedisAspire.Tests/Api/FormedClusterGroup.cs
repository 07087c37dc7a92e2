namespace RedisAspire.Tests.Api;

/// <summary>
/// The API test classes that only add their own uniquely named keys share one <see cref="FormedClusterFixture"/>, so
/// one six-node cluster and one SampleApi serve them all instead of one per class (docs/architecture.md: two cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FormedClusterGroup : ICollectionFixture<FormedClusterFixture>
{
    public const string Name = "Formed cluster with SampleApi";
}
