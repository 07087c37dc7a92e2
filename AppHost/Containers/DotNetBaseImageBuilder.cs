using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// Builds a .NET base image with no registry, the way <see cref="RedisImageBuilder"/> builds the Redis image: this
/// machine's <c>dotnet</c> host, <c>hostfxr</c>, the <c>Microsoft.NETCore.App</c> and <c>Microsoft.AspNetCore.App</c>
/// shared frameworks, every library <c>ldd</c> lists for them and OpenSSL (loaded at run time), at the same paths;
/// globalization runs invariant (no ICU). It stands in for <c>mcr.microsoft.com/dotnet/aspnet</c> as the
/// Dockerfiles' <c>BASE_IMAGE</c>: same <c>APP_UID</c> (1654, user <c>app</c>), same HTTP port variable.
/// </summary>
internal sealed partial class DotNetBaseImageBuilder(ContainerCli cli, ILogger logger)
{
    /// <summary>The non-root user of Microsoft's .NET images, kept so the Dockerfiles work on either base.</summary>
    public const int AppUid = 1654;

    private const int MajorVersion = 10;
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private const string TraceProvider = "libcoreclrtraceptprovider.so";
    private static readonly string[] OpenSslLibraries = ["libssl.so.3", "libcrypto.so.3"];

    /// <summary>The installed runtime the image would hold.</summary>
    public static async Task<DotNetRuntimeInstall> FindRuntimeAsync(CancellationToken cancellationToken)
    {
        var host = DotNetHost.Path;
        CliResult result;
        try
        {
            result = await CliProcess.RunAsync(host, ["--list-runtimes"], [], ToolTimeout, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new AppHostException($"`{host} --list-runtimes` cannot be run ({ex.Message}); the .NET base image is built from this machine's runtime.", ex);
        }

        try
        {
            return result.Succeeded
                ? DotNetRuntimeInstall.Parse(result.StandardOutput, MajorVersion)
                : throw new AppHostException(CliCommand.DescribeFailure(result, [], "The .NET base image is built from this machine's runtime."));
        }
        catch (FormatException ex)
        {
            throw new AppHostException($"Cannot build the .NET base image: {ex.Message}. Install the ASP.NET Core {MajorVersion} runtime, or set Publish:DotNetBaseImage to {ContainerImages.OfficialDotNetBase}.", ex);
        }
    }

    /// <summary>Builds (or rebuilds) <paramref name="image"/> from <paramref name="runtime"/>.</summary>
    public async Task BuildAsync(string image, DotNetRuntimeInstall runtime, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new AppHostException(
                $"Building {image} from this machine's .NET runtime works on Linux only. Set Publish:DotNetBaseImage to {ContainerImages.OfficialDotNetBase}.");
        }

        var started = Stopwatch.GetTimestamp();
        var host = Path.Combine(runtime.Root, "dotnet");
        var fxr = Directory.GetDirectories(Path.Combine(runtime.Root, "host", "fxr")).OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version()).First();
        var files = new List<string> { host };
        files.AddRange(Directory.GetFiles(fxr));
        files.AddRange(Directory.GetFiles(runtime.FrameworkDirectory(DotNetRuntimeInstall.CoreFramework), "*", SearchOption.AllDirectories));
        files.AddRange(Directory.GetFiles(runtime.FrameworkDirectory(DotNetRuntimeInstall.AspNetCoreFramework), "*", SearchOption.AllDirectories));
        files.AddRange(await FindOpenSslAsync(cancellationToken));

        // The LTTng trace provider needs liblttng-ust, which hosts rarely have; without the file the runtime skips it.
        files.RemoveAll(f => Path.GetFileName(f) == TraceProvider);
        var native = files.Where(f => f == host || f.EndsWith(".so", StringComparison.Ordinal) || f.Contains(".so.", StringComparison.Ordinal)).ToList();
        foreach (var binary in native)
        {
            files.AddRange((await RootFileSystem.LibrariesAsync(binary, cancellationToken)).Where(l => !files.Contains(l, StringComparer.Ordinal)));
        }

        LogBuilding(logger, image, runtime.Version, runtime.Root, files.Count);
        var generated = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/etc/passwd"] = $"root:x:0:0:root:/root:/sbin/nologin\napp:x:{AppUid}:{AppUid}:app:/home/app:/sbin/nologin\n",
            ["/etc/group"] = $"root:x:0:\napp:x:{AppUid}:\n",
        };
        var previous = await cli.InspectImageIdAsync(image, cancellationToken);
        var tar = Path.Combine(Path.GetTempPath(), $"redisaspire-dotnet-rootfs-{Guid.NewGuid():N}.tar");
        try
        {
            await RootFileSystem.WriteTarAsync(tar, files.Distinct(StringComparer.Ordinal).ToList(), generated, cancellationToken);
            string[] changes =
            [
                $"ENV PATH={runtime.Root}:{DefaultPath}",
                $"ENV DOTNET_ROOT={runtime.Root}",
                "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true",
                "ENV DOTNET_RUNNING_IN_CONTAINER=true",
                "ENV ASPNETCORE_HTTP_PORTS=8080",
                $"ENV APP_UID={AppUid.ToString(CultureInfo.InvariantCulture)}",
            ];
            await cli.RunAsync(
                ["import", .. changes.SelectMany(c => new[] { "--change", c }), tar, image],
                cancellationToken,
                $"Building {image} from the .NET runtime in {runtime.Root} failed in the import step; check that `{cli.Runtime.Name} import` works on this machine.");
        }
        finally
        {
            File.Delete(tar);
        }

        await cli.RemoveReplacedImageAsync(previous, image, cancellationToken);

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        LogBuilt(logger, image, seconds);
    }

    // .NET loads OpenSSL with dlopen (ldd does not list it); cryptography, random numbers and TLS need it.
    private static async Task<IReadOnlyList<string>> FindOpenSslAsync(CancellationToken cancellationToken)
    {
        CliResult result;
        try
        {
            result = await CliProcess.RunAsync("ldconfig", ["-p"], [], ToolTimeout, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new AppHostException($"`ldconfig -p` cannot be run ({ex.Message}); it locates OpenSSL for the .NET base image.", ex);
        }

        var found = new List<string>();
        foreach (var library in OpenSslLibraries)
        {
            var path = result.StandardOutput.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith(library + " ", StringComparison.Ordinal))
                .Select(line => line[(line.LastIndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim())
                .FirstOrDefault(File.Exists);
            found.Add(path ?? throw new AppHostException($"{library} was not found (`ldconfig -p`); .NET needs OpenSSL 3. Install it (Debian/Ubuntu: `sudo apt-get install libssl3`)."));
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "building image {Image} from this machine's .NET {Version} in {Root} ({Files} files)")]
    private static partial void LogBuilding(ILogger logger, string image, string version, string root, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "built image {Image} in {Seconds} s")]
    private static partial void LogBuilt(ILogger logger, string image, string seconds);
}
