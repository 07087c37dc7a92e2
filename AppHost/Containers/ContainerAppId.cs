using System.Security.Cryptography;
using System.Text;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// Names for one application instance: <c>&lt;state key&gt;-&lt;random&gt;</c>, so parallel runs (tests on their own state
/// folders, or even on the same one) never share a container name, while leftovers of the same folder stay findable.
/// </summary>
public static class ContainerAppId
{
    /// <summary>Prefix of every container and network name AppHost creates.</summary>
    public const string NamePrefix = "redisaspire-";

    /// <summary>8 hex characters derived from the absolute state folder: the same folder always gives the same key.</summary>
    public static string StateKey(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateDirectory));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..8];
    }

    /// <summary>A new application id for <paramref name="stateDirectory"/>: its state key, a dash, 6 random hex characters.</summary>
    public static string Create(string stateDirectory) =>
        $"{StateKey(stateDirectory)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    /// <summary><c>redisaspire-&lt;appId&gt;-&lt;resource&gt;</c>, e.g. <c>redisaspire-1a2b3c4d-9f8e7d-redis-0</c>.</summary>
    public static string ContainerName(string appId, string resourceName) => $"{NamePrefix}{appId}-{resourceName}";

    /// <summary>The bridge network of the application: <c>redisaspire-&lt;appId&gt;</c>.</summary>
    public static string NetworkName(string appId) => NamePrefix + appId;

    /// <summary>A stable number for <paramref name="stateKey"/>, so the same folder prefers the same subnet (and announce address) run after run.</summary>
    public static int Preference(string stateKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateKey);
        return Convert.ToInt32(stateKey[..4], 16);
    }
}
