using Microsoft.Extensions.Configuration;
using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// <c>AppHost publish --format compose|kubernetes --output &lt;dir&gt; [--Section:Key=value …]</c>: writes the
/// deployment files for the topology the configuration describes. Exit codes: 0 written, 1 invalid configuration or
/// write failure, 2 bad command line.
/// </summary>
public static class PublishCommand
{
    public const string Name = "publish";

    private const string Usage = "usage: publish --format compose|kubernetes --output <dir> [--Section:Key=value …]";

    /// <summary>True when the command line asks for this command rather than the application.</summary>
    public static bool Matches(string[] args) => args is [Name, ..];

    /// <summary>Writes the files; returns the process exit code with the reason printed on stderr.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? format = null;
        string? output = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--format" && i + 1 < args.Length)
            {
                format = args[++i];
            }
            else if (args[i] == "--output" && i + 1 < args.Length)
            {
                output = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (format is null || output is null)
        {
            return Fail(2, $"{Name}: --format and --output are required.\n{Usage}");
        }

        if (!Enum.TryParse<PublishFormat>(format, ignoreCase: true, out var parsed) || int.TryParse(format, out _))
        {
            return Fail(2, $"{Name}: unknown format '{format}'; supported formats: compose, kubernetes (the Aspire manifest: --publisher manifest --output-path <file>).\n{Usage}");
        }

        if (!Publishers.TryGetValue(parsed, out var publish))
        {
            return Fail(2, $"{Name}: format '{format}' is not implemented yet; implemented formats: {string.Join(", ", Publishers.Keys).ToLowerInvariant()}.");
        }

        try
        {
            var directory = Path.GetFullPath(output);
            var inputs = Bind(AppHostConfiguration.Build([.. rest]));
            Directory.CreateDirectory(directory);
            foreach (var path in publish(inputs, directory))
            {
                Console.Out.WriteLine(path);
            }

            return 0;
        }
        catch (Exception ex) when (ex is AppHostException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(1, $"{Name}: {ex.Message}");
        }
    }

    // One entry per implemented format: writes its files into the folder (which exists) and returns their paths.
    private static readonly Dictionary<PublishFormat, Func<PublishInputs, string, IReadOnlyList<string>>> Publishers = new()
    {
        [PublishFormat.Compose] = ComposePublisher.Write,
        [PublishFormat.Kubernetes] = Kubernetes.KubernetesPublisher.Write,
    };

    private static PublishInputs Bind(IConfiguration configuration)
    {
        var cluster = new RedisClusterOptions();
        configuration.BindClusterOptions(cluster);
        var errors = RedisClusterOptionsValidator.Validate(cluster).ToList();
        if (cluster.Tls)
        {
            // Published nodes have no certificates to mount yet; silently publishing plain text would be worse.
            errors.Add("Cluster:Tls: published deployments do not support TLS yet; publish with Cluster:Tls=false and terminate TLS in front of the nodes, or run AppHost locally for TLS.");
        }

        if (errors.Count > 0)
        {
            throw new AppHostException("Invalid configuration:\n  " + string.Join("\n  ", errors));
        }

        var publish = AppHostConfiguration.Bind<PublishOptions>(configuration, PublishOptions.SectionName);
        PublishOptionsValidator.ThrowIfInvalid(publish);
        return new PublishInputs(
            cluster,
            AppHostConfiguration.Bind<ContainerOptions>(configuration, ContainerOptions.SectionName),
            AppHostConfiguration.Bind<SampleApiOptions>(configuration, SampleApiOptions.SectionName),
            AppHostConfiguration.Bind<OtlpOptions>(configuration, OtlpOptions.SectionName),
            Path.GetDirectoryName(ProjectPaths.AppHostDirectory)!,
            publish)
        {
            Kubernetes = AppHostConfiguration.Bind<KubernetesOptions>(configuration, KubernetesOptions.SectionName),
            Password = configuration["Parameters:cache-password"] ?? "",
        };
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> so a reader (or a crash) never sees half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine(message);
        return exitCode;
    }
}
