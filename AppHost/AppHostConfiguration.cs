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

    /// <summary>Binds <paramref name="section"/> onto new options; a value that does not convert becomes an <see cref="AppHostException"/> naming the key.</summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            var detail = ex.InnerException is null ? "" : $" ({ex.InnerException.Message})";
            var hint = ex.Message.Contains("AppHost:Runtime", StringComparison.OrdinalIgnoreCase) ? " AppHost:Runtime takes auto, process or container."
                : ex.Message.Contains("Container:Network", StringComparison.OrdinalIgnoreCase) ? " Container:Network takes host, shared or bridge."
                : "";
            throw new AppHostException($"Invalid configuration: {ex.Message}{detail}{hint}", ex);
        }

        return options;
    }
}
