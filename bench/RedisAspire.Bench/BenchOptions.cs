namespace RedisAspire.Bench;

/// <summary>What the command line asked for.</summary>
/// <param name="Runs">Measured runs after the warm-up.</param>
/// <param name="NodeTimeout">
/// <c>cluster-node-timeout</c> of the formation suite's nodes; <see langword="null"/> means AppHost's default (5 s).
/// </param>
public sealed record BenchOptions(int Runs, TimeSpan? NodeTimeout = null);
