namespace RedisAspire.AppHost.Options;

/// <summary>How AppHost runs sample-api; bound from the <c>SampleApi</c> section.</summary>
public sealed class SampleApiOptions
{
    public const string SectionName = "SampleApi";

    /// <summary>Port sample-api listens on, at 127.0.0.1; 0 means pick a free port at start.</summary>
    public int Port { get; set; } = 5080;
}
