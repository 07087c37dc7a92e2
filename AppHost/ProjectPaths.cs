using System.Reflection;

namespace RedisAspire.AppHost;

/// <summary>
/// Where the projects AppHost runs were built, like Aspire's generated <c>Projects.*</c> types. The paths are
/// baked in at build time by the EmitProjectPaths target in AppHost.csproj (from each reference's TargetPath).
/// </summary>
public static class ProjectPaths
{
    private const string ProjectPathPrefix = "ProjectPath:";

    /// <summary>Full path of the built <c>RedisAspire.ClusterInit.dll</c>.</summary>
    public static string ClusterInit { get; } = Read(ProjectPathPrefix + "ClusterInit");

    /// <summary>Full path of the built <c>RedisAspire.SampleApi.dll</c>.</summary>
    public static string SampleApi { get; } = Read(ProjectPathPrefix + "SampleApi");

    /// <summary>The AppHost project directory at build time (home of appsettings.json and, by default, <c>.state</c>).</summary>
    public static string AppHostDirectory { get; } = Read("AppHostProjectDirectory");

    private static string Read(string key) =>
        typeof(ProjectPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"AppHost was built without the '{key}' assembly metadata; rebuild it with `dotnet build AppHost`.");
}
