namespace RedisAspire.AppHost.Containers;

/// <summary>Every image name AppHost uses, in one place; tags are pinned, never <c>latest</c>.</summary>
public static class ContainerImages
{
    /// <summary>Images under this prefix are built on this machine (from its own redis-server) when they are missing.</summary>
    public const string LocalPrefix = "localhost/redisaspire/";

    /// <summary>The default node image: Redis 7.0.15 built from the host's binaries (<c>build-image</c>), no registry needed.</summary>
    public const string Redis = RedisClusterImageTags.Reference;

    /// <summary>Tag of the application images built from this solution (<c>ClusterInit/Dockerfile</c>, <c>SampleApi/Dockerfile</c>).</summary>
    public const string ApplicationTag = "1.0.0";

    /// <summary>The default ClusterInit image the deployment files name (<c>Publish:ClusterInitImage</c>).</summary>
    public const string ClusterInit = LocalPrefix + "cluster-init:" + ApplicationTag;

    /// <summary>The default SampleApi image the deployment files name (<c>Publish:SampleApiImage</c>).</summary>
    public const string SampleApi = LocalPrefix + "sample-api:" + ApplicationTag;

    /// <summary>
    /// Repository of the .NET base image built from this machine's runtime (<c>build-app-images</c>); the tag is the
    /// runtime's version, e.g. <c>localhost/redisaspire/dotnet-aspnet:10.0.12</c>.
    /// </summary>
    public const string DotNetBaseRepository = LocalPrefix + "dotnet-aspnet";

    /// <summary>The base image the Dockerfiles default to: Microsoft's ASP.NET Core runtime (both projects use ASP.NET Core).</summary>
    public const string OfficialDotNetBase = "mcr.microsoft.com/dotnet/aspnet:10.0";

    /// <summary>True when AppHost builds <paramref name="image"/> itself instead of pulling it.</summary>
    public static bool IsBuiltLocally(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.StartsWith(LocalPrefix, StringComparison.Ordinal);
    }
}
