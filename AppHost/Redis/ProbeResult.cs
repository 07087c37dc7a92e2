namespace RedisAspire.AppHost.Redis;

/// <summary>Outcome of one readiness probe: healthy, or what the node answered (or why it did not).</summary>
public readonly record struct ProbeResult(bool IsHealthy, string LastSeen)
{
    public static ProbeResult Healthy { get; } = new(true, "+PONG");

    public static ProbeResult Unhealthy(string lastSeen) => new(false, lastSeen);
}
