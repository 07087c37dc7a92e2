namespace RedisAspire.Bench;

/// <summary>What the command line asked for.</summary>
/// <param name="Runs">Measured runs after the warm-up.</param>
/// <param name="NodeTimeout">
/// <c>cluster-node-timeout</c> of the formation suite's nodes; <see langword="null"/> means AppHost's default (5 s).
/// </param>
/// <param name="OtelSettings">
/// Extra <c>OTEL_*</c> environment settings for the throughput suite's export-on sample-api (for A/B runs of the
/// exporter's settings, e.g. <c>OTEL_BSP_SCHEDULE_DELAY</c>); empty means the exporter's defaults.
/// </param>
public sealed record BenchOptions(int Runs, TimeSpan? NodeTimeout = null, IReadOnlyDictionary<string, string>? OtelSettings = null);
