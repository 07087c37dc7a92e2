namespace RedisAspire.Bench.Clients;

/// <summary>Requests (or operations) per second of one load run, and how many failed.</summary>
public sealed record LoadResult(double PerSecond, long Total, long Failed);
