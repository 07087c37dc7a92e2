namespace RedisAspire.Tests.Resilience;

/// <summary>
/// The resilience tests kill, restart and move six-node clusters with a 2 s <c>cluster-node-timeout</c>. On a 2-core
/// machine anything running beside them can starve a node into a false failover, so they run one at a time and
/// apart from every other test collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResilienceGroup
{
    public const string Name = "Resilience";
}
