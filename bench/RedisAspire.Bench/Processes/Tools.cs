using System.Reflection;
using RedisAspire.AppHost;

namespace RedisAspire.Bench.Processes;

/// <summary>The executables and built products the benchmarks run.</summary>
public static class Tools
{
    private const string RedisHint = "apt-get install -y redis-server redis-tools";

    public static string RedisServer => Find("redis-server", RedisHint);

    public static string RedisCli => Find("redis-cli", RedisHint);

    public static string RedisBenchmark => Find("redis-benchmark", RedisHint);

    /// <summary>
    /// coreutils' <c>env</c>: <c>env --default-signal=INT program …</c> starts a program with SIGINT at its default
    /// disposition even when the benchmark was started where SIGINT is ignored (in the background of a shell without
    /// job control, which every child would inherit, and .NET would then never see Ctrl+C).
    /// </summary>
    public static string Env => Find("env", "apt-get install -y coreutils");

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

    /// <summary>
    /// AppHost's own build output, the executable a user runs (<c>AppHost/bin/Release/net10.0/RedisAspire.AppHost</c>);
    /// the path comes from the project reference at build time (see EmitAppHostTargetPath in the project file).
    /// </summary>
    public static string AppHostExecutable =>
        Existing(Path.ChangeExtension(Metadata(typeof(Tools).Assembly, "AppHostTargetPath"), null));

    /// <summary>The DCP executable the product AppHost was built with (the Aspire SDK bakes its path into AppHost).</summary>
    public static string DcpCli => Existing(Metadata(typeof(ProjectPaths).Assembly, "dcpclipath"));

    /// <summary>The dashboard executable the product AppHost was built with.</summary>
    public static string Dashboard => Existing(Metadata(typeof(ProjectPaths).Assembly, "aspiredashboardpath"));

    /// <summary>
    /// How to start this benchmark program again (for its <c>bare-apphost</c> verb): its native launcher next to the
    /// dll, as AppHost is started, or <c>dotnet &lt;dll&gt;</c> when there is none.
    /// </summary>
    public static (string FileName, IReadOnlyList<string> Arguments) BenchProgram
    {
        get
        {
            var dll = typeof(Tools).Assembly.Location;
            var launcher = Path.ChangeExtension(dll, null);
            return File.Exists(launcher) ? (launcher, []) : (DotNet, [dll]);
        }
    }

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

    private static string Metadata(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase))?.Value
        ?? throw new InvalidOperationException($"{assembly.GetName().Name} was built without the '{key}' assembly metadata; rebuild it (dotnet build RedisAspire.sln -c Release).");

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"{path} is not built; build the solution first (dotnet build RedisAspire.sln -c Release).");

    private static string Find(string name, string hint) => FindOrNull(name)
        ?? throw new InvalidOperationException($"{name} was not found on PATH; install it ({hint}).");

    private static string? FindOrNull(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
