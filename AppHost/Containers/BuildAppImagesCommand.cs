using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// <c>AppHost build-app-images [--use-build-output] [--Publish:DotNetBaseImage=…] [--Publish:ClusterInitImage=…]
/// [--Publish:SampleApiImage=…] [--Container:Runtime=…]</c>: builds the ClusterInit and SampleApi images from their
/// Dockerfiles. The base is <c>Publish:DotNetBaseImage</c>, or (when empty) an image built from this machine's .NET
/// runtime, so no registry is needed. The build context is <c>dotnet publish -c Release</c> output, or with
/// <c>--use-build-output</c> the projects' existing build output (what AppHost itself runs). Prints the image names.
/// </summary>
public static partial class BuildAppImagesCommand
{
    public const string Name = "build-app-images";

    public const string UseBuildOutputFlag = "--use-build-output";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    /// <summary>True when the command line asks for this command rather than the application.</summary>
    public static bool Matches(string[] args) => args is [Name, ..];

    /// <summary>Builds the images; returns the process exit code (0 built, 1 failed with the reason printed).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var useBuildOutput = args.Contains(UseBuildOutputFlag);
        var configuration = AppHostConfiguration.Build([.. args.Skip(1).Where(a => a != UseBuildOutputFlag)]);
        IReadOnlyList<string> images;
        using (var loggerFactory = VerbLogging.Create(configuration))
        {
            var logger = loggerFactory.CreateLogger(VerbLogging.Category);
            try
            {
                images = await BuildAsync(configuration, useBuildOutput, logger, cancellationToken);
            }
            catch (AppHostException ex)
            {
                LogFailed(logger, ex.Message);
                return 1;
            }
        }

        foreach (var image in images)
        {
            await Console.Out.WriteLineAsync(image);
        }

        return 0;
    }

    private static async Task<IReadOnlyList<string>> BuildAsync(IConfiguration configuration, bool useBuildOutput, ILogger logger, CancellationToken cancellationToken)
    {
        var container = AppHostConfiguration.Bind<ContainerOptions>(configuration, ContainerOptions.SectionName);
        var publish = AppHostConfiguration.Bind<PublishOptions>(configuration, PublishOptions.SectionName);
        PublishOptionsValidator.ThrowIfInvalid(publish);
        var runtime = await ContainerRuntimeSelector.SelectAsync(container, logger, cancellationToken);
        var cli = new ContainerCli(runtime!, container.CommandTimeout, [], logger);

        var baseImage = publish.DotNetBaseImage;
        if (baseImage.Length == 0)
        {
            var dotnet = await DotNetBaseImageBuilder.FindRuntimeAsync(cancellationToken);
            baseImage = $"{ContainerImages.DotNetBaseRepository}:{dotnet.Version}";
            var existing = await cli.InspectImageIdAsync(baseImage, cancellationToken);
            if (!existing.Succeeded)
            {
                await new DotNetBaseImageBuilder(cli, logger).BuildAsync(baseImage, dotnet, cancellationToken);
            }
        }

        var solution = Path.GetDirectoryName(ProjectPaths.AppHostDirectory)!;
        (string Project, string BuildOutput, string Image)[] applications =
        [
            ("ClusterInit", Path.GetDirectoryName(ProjectPaths.ClusterInit)!, publish.ClusterInitImage),
            ("SampleApi", Path.GetDirectoryName(ProjectPaths.SampleApi)!, publish.SampleApiImage),
        ];
        var staging = Directory.CreateTempSubdirectory("redisaspire-app-images-").FullName;
        try
        {
            foreach (var (project, buildOutput, image) in applications)
            {
                var context = useBuildOutput ? buildOutput : await PublishAsync(Path.Combine(solution, project), Path.Combine(staging, project), cancellationToken);
                LogBuilding(logger, image, project, baseImage);
                var previous = await cli.InspectImageIdAsync(image, cancellationToken);
                await cli.RunAsync(
                    ["build", "--build-arg", $"BASE_IMAGE={baseImage}", "-f", Path.Combine(solution, project, "Dockerfile"), "-t", image, context],
                    cancellationToken,
                    $"Building {image} from {project}/Dockerfile failed.");

                await cli.RemoveReplacedImageAsync(previous, image, cancellationToken);
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        return [baseImage, .. applications.Select(a => a.Image)];
    }

    private static async Task<string> PublishAsync(string projectDirectory, string output, CancellationToken cancellationToken)
    {
        var host = DotNetHost.Path;
        CliResult result;
        try
        {
            result = await CliProcess.RunAsync(host, ["publish", projectDirectory, "-c", "Release", "-o", output, "--nologo"], [], PublishTimeout, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new AppHostException($"`{host} publish` cannot be run ({ex.Message}); building the images needs the .NET SDK.", ex);
        }
        catch (TimeoutException ex)
        {
            throw new AppHostException($"`{host} publish {projectDirectory}` did not finish within {PublishTimeout}; it was killed.", ex);
        }

        return result.Succeeded ? output : throw new AppHostException(CliCommand.DescribeFailure(result, [], $"Publishing {projectDirectory} failed."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "building image {Image} from {Project}/Dockerfile on {BaseImage}")]
    private static partial void LogBuilding(ILogger logger, string image, string project, string baseImage);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogFailed(ILogger logger, string message);
}
