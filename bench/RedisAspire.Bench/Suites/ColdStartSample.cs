namespace RedisAspire.Bench.Suites;

/// <summary>One AppHost cold start: when sample-api became healthy and the cluster Ready, peak memory per process kind.</summary>
public sealed record ColdStartSample(
    double HealthySeconds,
    double ReadySeconds,
    double StopSeconds,
    IReadOnlyDictionary<string, double> PeakRssMib);
