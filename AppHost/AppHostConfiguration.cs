using Microsoft.Extensions.Configuration;

namespace RedisAspire.AppHost;

/// <summary>
/// How the AppHost reads its configuration keys (<c>Cluster:*</c>, <c>AppHost:*</c>, <c>SampleApi:Port</c>), from
/// appsettings.json, the environment (<c>Section__Key</c>) and the command line (<c>--Section:Key=value</c>).
/// </summary>
public static class AppHostConfiguration
{
    /// <summary>Where appsettings.json is read from by the deployment verbs: the AppHost project directory when it exists.</summary>
    public static string ContentRoot { get; } =
        Directory.Exists(ProjectPaths.AppHostDirectory) ? ProjectPaths.AppHostDirectory : Directory.GetCurrentDirectory();

    /// <summary>
    /// Binds the <c>Cluster</c> section and <c>AppHost:StateDirectory</c>, <c>AppHost:Runtime</c>, <c>AppHost:Network</c>
    /// and <c>AppHost:RedisServerPath</c> onto <paramref name="options"/>, and for container nodes the image and runtime
    /// (<c>Container:Image</c>, <c>Container:Runtime</c>); a value that does not convert, or a key that no longer
    /// exists, fails naming the key.
    /// </summary>
    public static void BindClusterOptions(this IConfiguration configuration, RedisClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (configuration["Cluster:Password"] is not null)
        {
            throw new AppHostException(
                "Cluster:Password is no longer read by the AppHost: the application's password is the Aspire parameter cache-password. "
                + "Pass it as --Parameters:cache-password=<password> (or Parameters__cache-password in the environment), or leave it out to use the generated one.");
        }

        Bind(() => configuration.GetSection("Cluster").Bind(options));
        var appHost = configuration.GetSection("AppHost");
        options.StateDirectory = appHost["StateDirectory"] ?? options.StateDirectory;
        options.RedisServerPath = appHost["RedisServerPath"] ?? options.RedisServerPath;
        options.Image = configuration["Container:Image"] ?? options.Image;
        if (appHost["Runtime"] is { } runtime)
        {
            options.Runtime = Enum.TryParse<RedisNodeRuntime>(runtime, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new AppHostException($"Invalid configuration: AppHost:Runtime '{runtime}' is not one of auto, process, container.");
        }

        if (appHost["Network"] is { } network)
        {
            options.ContainerNetwork = Enum.TryParse<RedisContainerNetworkMode>(network, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new AppHostException($"Invalid configuration: AppHost:Network '{network}' is not one of announce, host.");
        }

        Containers.NodeContainerSetup.Apply(configuration, options);
    }

    /// <summary><c>SampleApi:Port</c>: the port sample-api is reached on; 0 or absent picks a free one.</summary>
    public static int? SampleApiPort(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["SampleApi:Port"];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? (port == 0 ? null : port)
            : throw new AppHostException($"Invalid configuration: SampleApi:Port '{text}' must be a port number (1-65535), or 0 for a free port.");
    }

    /// <summary>Configuration of the deployment verbs: appsettings.json, environment, command line, then <paramref name="overrides"/>.</summary>
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
        Bind(() => configuration.GetSection(section).Bind(options));
        return options;
    }

    private static void Bind(Action bind)
    {
        try
        {
            bind();
        }
        catch (InvalidOperationException ex)
        {
            var detail = ex.InnerException is null ? "" : $" ({ex.InnerException.Message})";
            var hint = ex.Message.Contains("Container:Network", StringComparison.OrdinalIgnoreCase) ? " Container:Network takes host, shared or bridge." : "";
            throw new AppHostException($"Invalid configuration: {ex.Message}{detail}{hint}", ex);
        }
    }
}
