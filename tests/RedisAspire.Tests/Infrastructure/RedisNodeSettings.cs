namespace RedisAspire.Tests.Infrastructure;

/// <summary>How a test <see cref="RedisNode"/> is configured beyond its name, port and password.</summary>
public sealed record RedisNodeSettings
{
    /// <summary>Address the node binds and announces (e.g. <c>127.0.0.2</c> for address-change tests).</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary><c>cluster-node-timeout</c>; keep it generous unless a test needs fast failover (docs/architecture.md).</summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Also writes <c>cluster-announce-ip</c> = the bind address, as AppHost does, so a node restarted on another
    /// address (<see cref="RedisNode.MoveTo"/>) announces its new one instead of keeping what nodes.conf says.
    /// </summary>
    public bool AnnounceBindAddress { get; init; }

    /// <summary>How long <see cref="RedisNode.StartAsync"/> waits for PING after AUTH.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// AppHost's ACL users (default on, as in AppHost): <c>admin</c> for ClusterInit and the tests' own commands,
    /// <c>replication</c> for replicas, <c>default</c> restricted to the application's commands. Off: one password.
    /// </summary>
    public bool Acl { get; init; } = true;

    /// <summary>Extra redis.conf lines appended after the generated ones.</summary>
    public IReadOnlyList<string> ExtraConfig { get; init; } = [];
}
