namespace RedisAspire.AppHost.Containers;

/// <summary>Labels on every container and network AppHost creates, so it finds, stops and removes only its own.</summary>
public static class ContainerLabels
{
    /// <summary>The application instance (<see cref="ContainerAppId"/>): one AppHost run. Filter: <c>label=redisaspire.app=&lt;id&gt;</c>.</summary>
    public const string App = "redisaspire.app";

    /// <summary>The resource a container runs: <c>redis-0</c> ….</summary>
    public const string Resource = "redisaspire.resource";

    /// <summary>The state folder's identity (<see cref="ContainerAppId.StateKey"/>): finds what an earlier run on the same folder left.</summary>
    public const string State = "redisaspire.state";

    /// <summary>The AppHost process that created it (<c>&lt;host name&gt;/&lt;pid&gt;</c>): a leftover whose creator is gone may be removed.</summary>
    public const string Owner = "redisaspire.owner";
}
