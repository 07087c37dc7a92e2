// Aspire's publishing pipeline (steps, the output folder) is marked for evaluation in Aspire 13.6; it is how publishers
// are invoked there, so these steps use it.
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Publishing.Kubernetes;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// The Compose and Kubernetes publishers as steps of Aspire's publishing pipeline, run the Aspire way:
/// <c>dotnet run --project AppHost -- --operation publish --step publish-compose|publish-kubernetes --output-path &lt;dir&gt;</c>,
/// or <c>--publisher compose|kubernetes --output-path &lt;dir&gt;</c> (<see cref="WithPublisherSteps"/>).
/// Each reads the application model in publish mode (<see cref="PublishedApplication"/>) and writes its files into the
/// output folder; settings as <c>--Section:Key=value</c>, as in run mode.
/// </summary>
public static partial class PublishingSteps
{
    /// <summary>Writes <c>docker-compose.yaml</c>, <c>redis.conf</c> and <c>.env</c>.</summary>
    public const string Compose = "publish-compose";

    /// <summary>Writes the Kubernetes manifests, their <c>kustomization.yaml</c> and the password file.</summary>
    public const string Kubernetes = "publish-kubernetes";

    private const string PublisherSwitch = "--publisher";

    private static readonly Dictionary<string, string> Publishers = new(StringComparer.Ordinal)
    {
        ["compose"] = Compose,
        ["kubernetes"] = Kubernetes,
    };

    /// <summary>
    /// <paramref name="args"/> with <c>--publisher compose|kubernetes</c> (Aspire's publisher switch, which Aspire
    /// itself maps only for <c>manifest</c>) turned into the matching step, <c>--operation publish --step …</c>; every
    /// other argument as it is.
    /// </summary>
    public static string[] WithPublisherSteps(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>(args.Length + 2);
        for (var i = 0; i < args.Length; i++)
        {
            var publisher = args[i] == PublisherSwitch && i + 1 < args.Length ? args[i + 1]
                : args[i].StartsWith(PublisherSwitch + "=", StringComparison.Ordinal) ? args[i][(PublisherSwitch.Length + 1)..]
                : null;
            if (publisher is not null && Publishers.TryGetValue(publisher, out var step))
            {
                result.AddRange(["--operation", "publish", "--step", step]);
                i += args[i] == PublisherSwitch ? 1 : 0;
            }
            else
            {
                result.Add(args[i]);
            }
        }

        return [.. result];
    }

    /// <summary>Adds both steps; Aspire's <c>publish</c> step requires them, so a whole publish writes them too.</summary>
    public static IDistributedApplicationBuilder AddComposeAndKubernetesPublishing(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Pipeline.AddStep(Compose, context => RunAsync(context, ComposePublisher.Write), requiredBy: WellKnownPipelineSteps.Publish);
        builder.Pipeline.AddStep(Kubernetes, context => RunAsync(context, KubernetesPublisher.Write), requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> so a reader (or a crash) never sees half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Binds and validates the configuration sections the publishers read beside the model.</summary>
    public static PublishInputs Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var publish = AppHostConfiguration.Bind<PublishOptions>(configuration, PublishOptions.SectionName);
        PublishOptionsValidator.ThrowIfInvalid(publish);
        return new PublishInputs(
            AppHostConfiguration.Bind<SampleApiOptions>(configuration, SampleApiOptions.SectionName),
            AppHostConfiguration.Bind<OtlpOptions>(configuration, OtlpOptions.SectionName),
            publish,
            AppHostConfiguration.Bind<KubernetesOptions>(configuration, KubernetesOptions.SectionName))
        {
            Password = configuration["Parameters:cache-password"] ?? "",
        };
    }

    // Aspire logs a failed step and stops the AppHost, but its RunAsync returns normally: the exit code says it failed.
    private static async Task RunAsync(PipelineStepContext context, Func<PublishedApplication, PublishInputs, string, IReadOnlyList<string>> write)
    {
        try
        {
            await WriteAsync(context, write).ConfigureAwait(false);
        }
        catch
        {
            Environment.ExitCode = 1;
            throw;
        }
    }

    private static async Task WriteAsync(PipelineStepContext context, Func<PublishedApplication, PublishInputs, string, IReadOnlyList<string>> write)
    {
        var inputs = Bind(context.Services.GetRequiredService<IConfiguration>());
        var application = await PublishedApplication.ReadAsync(context.Model, context.ExecutionContext, context.CancellationToken).ConfigureAwait(false);
        var directory = Path.GetFullPath(context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory());
        Directory.CreateDirectory(directory);
        foreach (var path in write(application, inputs, directory))
        {
            LogWritten(context.Logger, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Path}")]
    private static partial void LogWritten(ILogger logger, string path);
}
