namespace RedisAspire.AppHost.Containers;

/// <summary>Every image name AppHost uses, in one place; tags are pinned, never <c>latest</c>.</summary>
public static class ContainerImages
{
    /// <summary>Images under this prefix are built on this machine (from its own redis-server) when they are missing.</summary>
    public const string LocalPrefix = "localhost/redisaspire/";

    /// <summary>The default node image: Redis 7.0.15 built from the host's binaries (<c>build-image</c>), no registry needed.</summary>
    public const string Redis = LocalPrefix + "redis:7.0.15";

    /// <summary>True when AppHost builds <paramref name="image"/> itself instead of pulling it.</summary>
    public static bool IsBuiltLocally(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.StartsWith(LocalPrefix, StringComparison.Ordinal);
    }
}
