namespace RedisAspire.Tests.Hosting;

/// <summary>
/// Every test that starts the whole application (DCP, six nodes, cluster-init, sample-api): they run one after another,
/// since two at once would compete for a 2-core machine and turn failover timings into noise. The shared application
/// serves the tests that only read and write keys.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppHostGroup : ICollectionFixture<SharedAppHostFixture>
{
    public const string Name = "AppHost";
}
