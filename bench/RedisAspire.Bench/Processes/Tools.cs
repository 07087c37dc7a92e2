using RedisAspire.AppHost;

namespace RedisAspire.Bench.Processes;

/// <summary>The executables and built products the benchmarks run.</summary>
public static class Tools
{
    public static string RedisServer => Find("redis-server");

    public static string RedisCli => Find("redis-cli");

    public static string RedisBenchmark => Find("redis-benchmark");

    /// <summary>Debian's <c>wrk</c>, or <see langword="null"/> when it is not installed.</summary>
    public static string? Wrk => FindOrNull("wrk");

    /// <summary>Whether the Redis binaries every suite needs are on PATH.</summary>
    public static string? MissingRedis =>
        FindOrNull("redis-server") is null ? "redis-server"
        : FindOrNull("redis-cli") is null ? "redis-cli"
        : null;

    /// <summary>The built <c>RedisAspire.ClusterInit.dll</c> AppHost runs.</summary>
    public static string ClusterInitDll => Existing(ProjectPaths.ClusterInit);

    /// <summary>The built <c>RedisAspire.SampleApi.dll</c> AppHost runs.</summary>
    public static string SampleApiDll => Existing(ProjectPaths.SampleApi);

    /// <summary>The built <c>RedisAspire.AppHost.dll</c>.</summary>
    public static string AppHostDll => Existing(typeof(ProjectPaths).Assembly.Location);

    /// <summary>The dotnet muxer this program runs on, so the products run on the same runtime.</summary>
    public static string DotNet
    {
        get
        {
            var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
            {
                return hostPath;
            }

            var processPath = Environment.ProcessPath;
            return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
                ? processPath
                : FindOrNull("dotnet") ?? "dotnet";
        }
    }

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"{path} is not built; build the solution first (dotnet build RedisAspire.sln -c Release).");

    private static string Find(string name) => FindOrNull(name)
        ?? throw new InvalidOperationException($"{name} was not found on PATH; install it (apt-get install -y redis-server redis-tools).");

    private static string? FindOrNull(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
