namespace RedisAspire.SampleApi.Redis;

/// <summary>What the API adds to Aspire's Redis client; bound from the <c>Redis</c> section.</summary>
public sealed class RedisClientOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// How long one API call may keep sending a command again through a failover before it answers 503: the client's
    /// retry policy gets <c>RetryBudget ÷ RetryDelay</c> attempts.
    /// </summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between two attempts of the same command.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// With <c>ssl=true</c> in the connection string: PEM file of the CA the nodes' certificates must chain to (the
    /// AppHost's development CA); only that CA is trusted, and each node's certificate must name its address. Empty: the
    /// machine's trust store.
    /// </summary>
    public string TlsCaFile { get; set; } = "";

    /// <summary>The number of attempts <see cref="RetryBudget"/> allows.</summary>
    public int MaxAttempts => (int)Math.Clamp(RetryBudget / RetryDelay, 1, int.MaxValue);
}
