using System.Diagnostics;

namespace RedisAspire.ClusterInit;

/// <summary>ClusterInit's own ActivitySource: one span per step (wait, inspect, plan, meet, assign slots, replicate, verify).</summary>
public static class ClusterInitTelemetry
{
    public const string SourceName = "RedisAspire.ClusterInit";

    public static readonly ActivitySource ActivitySource = new(SourceName);
}
