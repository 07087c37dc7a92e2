using Aspire.Hosting;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.State;

/// <summary>Resolves and prepares the cluster's state folder; IO failures become errors that name the path and the key.</summary>
public static class StateFolder
{
    /// <summary>Resolves <paramref name="configured"/> (<c>~/</c> allowed) against <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string configured, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(configured);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        if (configured == "~" || configured.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            configured = Path.Combine(home, configured.Length > 2 ? configured[2..] : "");
        }

        return Path.GetFullPath(Path.Combine(baseDirectory, configured));
    }

    /// <summary>
    /// Creates the folder (0700) when it does not exist and proves it can be listed (taking its lock then proves it can
    /// be written); returns whether it was created now, so a start that fails can remove what it made.
    /// </summary>
    public static bool EnsureUsable(string path) => Guard(path, () =>
    {
        var created = !Directory.Exists(path);
        SecureFile.CreateDirectory(path);
        _ = Directory.EnumerateFileSystemEntries(path).FirstOrDefault();
        return created;
    });

    /// <summary>Creates the node's folder and (re)writes its redis.conf with mode 0600; nodes.conf and AOF stay untouched.</summary>
    public static void WriteNodeConfig(RedisNode node, string config)
    {
        ArgumentNullException.ThrowIfNull(node);
        Guard(node.Directory, () =>
        {
            SecureFile.CreateDirectory(node.Directory);
            SecureFile.WriteAllText(node.ConfigPath, config);
            return true;
        });
    }

    /// <summary>Runs <paramref name="action"/>, turning access and IO errors into an error about <paramref name="path"/>.</summary>
    public static T Guard<T>(string path, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DistributedApplicationException(
                $"The state folder {path} cannot be used ({ex.Message}). Fix its permissions or set AppHost:StateDirectory to a folder you can read and write.", ex);
        }
    }
}
