using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// Builds a Redis image with no registry (air-gapped sites, CI): this machine's <c>redis-server</c> and
/// <c>redis-cli</c>, the POSIX shell <c>/bin/sh</c> and every library <c>ldd</c> lists for them (the dynamic loader
/// included), at the same paths, plus an empty <c>/tmp</c> (mode 1777), in one tar that the runtime imports as the image. The only implementation: <c>build-image</c> and
/// <c>eng/build-redis-image.sh</c> run it, and AppHost runs it when a <c>localhost/redisaspire/</c> image is missing.
/// </summary>
internal sealed partial class RedisImageBuilder(ContainerCli cli, ILogger logger)
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The POSIX shell copied into the image at the same path (on Debian, dash behind the /bin/sh link).</summary>
    public const string Shell = "/bin/sh";
    private static readonly TimeSpan LddTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Builds (or rebuilds) <paramref name="image"/> from <paramref name="redisServer"/> and the redis-cli next to it or on PATH.</summary>
    public async Task BuildAsync(string image, string redisServer, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new AppHostException(
                $"Building {image} from this machine's redis-server works on Linux only (the image holds Linux binaries). Set Container:Image to a published image, e.g. docker.io/library/redis:7.0.15.");
        }

        var started = Stopwatch.GetTimestamp();
        var redisCli = FindRedisCli(redisServer);
        // The shell runs published nodes' start script and health checks (sh -c …); redis-cli answers the checks.
        var files = new List<string> { redisServer, redisCli, Shell };
        foreach (var binary in files.ToList())
        {
            files.AddRange((await RootFileSystem.LibrariesAsync(binary, cancellationToken)).Where(l => !files.Contains(l, StringComparer.Ordinal)));
        }

        LogBuilding(logger, image, redisServer, redisCli, files.Count - 3);
        var previous = await cli.InspectImageIdAsync(image, cancellationToken);
        var tar = Path.Combine(Path.GetTempPath(), $"redisaspire-rootfs-{Guid.NewGuid():N}.tar");
        try
        {
            await RootFileSystem.WriteTarAsync(tar, files, new Dictionary<string, string>(), cancellationToken);
            var path = $"{Path.GetDirectoryName(redisServer)}:{DefaultPath}";
            await cli.RunAsync(
                ["import", "--change", $"CMD [\"{redisServer}\"]", "--change", $"ENV PATH={path}", tar, image],
                cancellationToken,
                $"Building {image} from {redisServer} failed in the import step; check that `{cli.Runtime.Name} import` works on this machine.");
        }
        finally
        {
            File.Delete(tar);
        }

        await cli.RemoveReplacedImageAsync(previous, image, cancellationToken);

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        LogBuilt(logger, image, seconds);
    }

    private static string FindRedisCli(string redisServer)
    {
        var besideServer = Path.Combine(Path.GetDirectoryName(redisServer)!, "redis-cli");
        if (File.Exists(besideServer))
        {
            return besideServer;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "redis-cli"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new AppHostException(
            $"redis-cli was found neither next to {redisServer} nor on PATH; the image needs it. Install it (Debian/Ubuntu: `sudo apt-get install redis-tools`).");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "building image {Image} from this machine's {RedisServer} and {RedisCli} with {Libraries} libraries")]
    private static partial void LogBuilding(ILogger logger, string image, string redisServer, string redisCli, int libraries);

    [LoggerMessage(Level = LogLevel.Information, Message = "built image {Image} in {Seconds} s")]
    private static partial void LogBuilt(ILogger logger, string image, string seconds);
}
