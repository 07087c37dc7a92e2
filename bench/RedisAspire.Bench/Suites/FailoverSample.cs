namespace RedisAspire.Bench.Suites;

/// <summary>One failover: seconds from the kill until the server side recovered and until each client wrote again (null: it did not in time).</summary>
public sealed record FailoverSample(double RecoverySeconds, double? SampleApiSeconds, double? DirectSeconds);
