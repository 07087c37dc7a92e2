using Microsoft.Extensions.Logging;
using RedisAspire.Hosting.Lifecycle;

namespace RedisAspire.AppHost.Containers;

/// <summary>Makes sure the node image is on this machine: a missing <c>localhost/redisaspire/</c> image is built, any other pulled.</summary>
internal static partial class ContainerImage
{
    public static async Task EnsureAsync(ContainerCli cli, string image, string? redisServerPath, ILogger logger, CancellationToken cancellationToken)
    {
        var inspect = await cli.InspectImageIdAsync(image, cancellationToken);
        if (inspect.Succeeded)
        {
            return;
        }

        if (ContainerImages.IsBuiltLocally(image))
        {
            LogMissing(logger, image);
            var redisServer = RedisServerLocator.Find(redisServerPath);
            await new RedisImageBuilder(cli, logger).BuildAsync(image, redisServer, cancellationToken);
            return;
        }

        LogPulling(logger, image);
        await cli.RunAsync(
            ["pull", image],
            cancellationToken,
            $"Container:Image {image} is not on this machine and cannot be pulled. Without a registry, use the image built from this machine's redis-server: "
            + $"leave Container:Image at {ContainerImages.Redis} (AppHost builds it) or run `dotnet run --project AppHost -- build-image`.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "image {Image} is not on this machine; building it from this machine's redis-server (no registry needed)")]
    private static partial void LogMissing(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "image {Image} is not on this machine; pulling it")]
    private static partial void LogPulling(ILogger logger, string image);
}
