using Microsoft.Extensions.Configuration;

namespace RedisAspire.AppHost;

/// <summary>
/// AppHost's configuration, lowest precedence first: appsettings.json, environment variables (<c>Section__Key</c>),
/// command line (<c>--Section:Key=value</c>), then in-code overrides (tests).
/// </summary>
public static class AppHostConfiguration
{
    /// <summary>
    /// Where appsettings.json is read from and relative paths are resolved against: the AppHost project directory
    /// when it exists (as in Aspire, so tests that reference AppHost use its settings), else the current directory.
    /// </summary>
    public static string ContentRoot { get; } =
        Directory.Exists(ProjectPaths.AppHostDirectory) ? ProjectPaths.AppHostDirectory : Directory.GetCurrentDirectory();

    public static IConfigurationRoot Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = File.Exists(Path.Combine(ContentRoot, "appsettings.json")) ? ContentRoot : AppContext.BaseDirectory;
        return new ConfigurationBuilder()
            .SetBasePath(settings)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .AddInMemoryCollection(overrides ?? [])
            .Build();
    }
}
