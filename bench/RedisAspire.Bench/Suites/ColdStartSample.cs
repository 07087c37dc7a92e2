namespace RedisAspire.Bench.Suites;

/// <summary>
/// One AppHost cold start, in seconds from AppHost's start: sample-api healthy, cluster Ready, sample-api launched (from
/// AppHost's log line; null when the line was not seen), the stop after SIGINT, and peak memory per process kind.
/// </summary>
public sealed record ColdStartSample(
    double HealthySeconds,
    double ReadySeconds,
    double? SampleApiStartedSeconds,
    double StopSeconds,
    IReadOnlyDictionary<string, double> PeakRssMib);
