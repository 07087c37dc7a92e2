namespace RedisAspire.Hosting;

/// <summary>The node image published deployments run, with a pinned tag (never <c>latest</c>).</summary>
public static class RedisClusterImageTags
{
    /// <summary>Registry and repository: built on this machine from its own <c>redis-server</c>, no registry needed.</summary>
    public const string Image = "localhost/redisaspire/redis";

    /// <summary>The Redis version the image carries.</summary>
    public const string Tag = "7.0.15";

    /// <summary><see cref="Image"/>:<see cref="Tag"/>.</summary>
    public const string Reference = Image + ":" + Tag;
}
