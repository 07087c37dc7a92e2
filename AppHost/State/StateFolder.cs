using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.State;

/// <summary>Resolves and prepares AppHost's state folder; IO failures become errors that name the path.</summary>
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

    /// <summary>Creates the folder and proves it is writable, or throws naming the path and the key to change.</summary>
    public static void EnsureWritable(string path)
    {
        var probe = Path.Combine(path, $".write-test-{Environment.ProcessId}");
        Guard(path, () =>
        {
            SecureFile.CreateDirectory(path);
            SecureFile.WriteAllText(probe, "");
            File.Delete(probe);
        });
    }

    /// <summary>Creates the node's folder and (re)writes its redis.conf with mode 0600; nodes.conf and AOF stay untouched.</summary>
    public static void WriteNodeConfig(RedisNode node, string config)
    {
        ArgumentNullException.ThrowIfNull(node);
        Guard(node.Directory, () =>
        {
            SecureFile.CreateDirectory(node.Directory);
            SecureFile.WriteAllText(node.ConfigPath, config);
        });
    }

    /// <summary>Runs <paramref name="action"/>, turning access and IO errors into an <see cref="AppHostException"/> about <paramref name="path"/>.</summary>
    public static T Guard<T>(string path, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AppHostException(
                $"The state folder {path} is not writable ({ex.Message}). Fix its permissions or set AppHost:StateDirectory to a writable folder.", ex);
        }
    }

    private static void Guard(string path, Action action) => Guard(path, () =>
    {
        action();
        return true;
    });
}
