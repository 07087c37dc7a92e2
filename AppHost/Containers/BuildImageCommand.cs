using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Options;
using RedisAspire.Hosting.Lifecycle;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// <c>AppHost build-image [image] [--Container:Runtime=…] [--AppHost:RedisServerPath=…]</c>: builds the node image
/// from this machine's Redis (default <c>Container:Image</c>) and prints its name. <c>eng/build-redis-image.sh</c> runs it.
/// </summary>
public static partial class BuildImageCommand
{
    public const string Name = "build-image";

    /// <summary>True when the command line asks for this command rather than the application.</summary>
    public static bool Matches(string[] args) => args is [Name, ..];

    /// <summary>Builds the image; returns the process exit code (0 built, 1 failed with the reason printed).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = args.Skip(1).ToArray();
        var positional = rest.Where(a => !a.StartsWith('-')).ToList();
        var configuration = AppHostConfiguration.Build([.. rest.Except(positional)]);
        string image;
        using (var loggerFactory = VerbLogging.Create(configuration))
        {
            var logger = loggerFactory.CreateLogger(VerbLogging.Category);
            try
            {
                image = await BuildAsync(configuration, positional, logger, cancellationToken);
            }
            catch (AppHostException ex)
            {
                LogFailed(logger, ex.Message);
                return 1;
            }
        }

        // After the logger is disposed (flushed): the image name is the last line, alone on stdout.
        await Console.Out.WriteLineAsync(image);
        return 0;
    }

    private static async Task<string> BuildAsync(IConfiguration configuration, List<string> positional, ILogger logger, CancellationToken cancellationToken)
    {
        if (positional.Count > 1)
        {
            throw new AppHostException($"{Name} takes at most one image name; got {string.Join(' ', positional)}.");
        }

        var container = AppHostConfiguration.Bind<ContainerOptions>(configuration, ContainerOptions.SectionName);
        var image = positional.Count == 1 ? positional[0] : container.Image;
        container.Image = image;
        var errors = OptionsValidator.Validate(container);
        if (errors.Count > 0)
        {
            throw new AppHostException("Invalid configuration:\n  " + string.Join("\n  ", errors));
        }

        var runtime = await ContainerRuntimeSelector.SelectAsync(container, logger, cancellationToken);
        var cli = new ContainerCli(runtime!, container.CommandTimeout, [], logger);
        await new RedisImageBuilder(cli, logger).BuildAsync(image, RedisServerLocator.Find(configuration["AppHost:RedisServerPath"]), cancellationToken);
        return image;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogFailed(ILogger logger, string message);
}
