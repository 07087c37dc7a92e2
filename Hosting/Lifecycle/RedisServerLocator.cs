using Aspire.Hosting;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>Finds the <c>redis-server</c> executable: <c>AppHost:RedisServerPath</c>, else PATH.</summary>
public static class RedisServerLocator
{
    private const string Install =
        "Install it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) or set AppHost:RedisServerPath to its full path.";

    /// <summary>Returns the full path of redis-server or throws an <see cref="DistributedApplicationException"/> that says how to install it.</summary>
    public static string Find(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            if (configuredPath.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]) < 0)
            {
                return FindOnPath(configuredPath)
                    ?? throw new DistributedApplicationException($"AppHost:RedisServerPath '{configuredPath}' was not found on PATH. {Install}");
            }

            var fullPath = Path.GetFullPath(configuredPath);
            return File.Exists(fullPath)
                ? fullPath
                : throw new DistributedApplicationException($"AppHost:RedisServerPath '{fullPath}' does not exist. {Install}");
        }

        return FindOnPath("redis-server") ?? throw new DistributedApplicationException($"redis-server was not found on PATH. {Install}");
    }

    private static string? FindOnPath(string fileName)
    {
        var names = OperatingSystem.IsWindows() ? new[] { fileName, fileName + ".exe" } : new[] { fileName };
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
