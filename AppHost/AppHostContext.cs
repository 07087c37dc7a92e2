using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.State;

namespace RedisAspire.AppHost;

/// <summary>Validated options and shared services every resource starts with.</summary>
internal sealed record AppHostContext(
    RedisClusterOptions Cluster,
    AppHostOptions AppHost,
    SampleApiOptions SampleApi,
    OtlpOptions Otlp,
    ContainerOptions Container,
    string StateDirectory,
    ILoggerFactory LoggerFactory)
{
    /// <summary>Binds and validates every section; every problem is reported at once, naming its key.</summary>
    public static AppHostContext Load(IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var cluster = AppHostConfiguration.Bind<RedisClusterOptions>(configuration, RedisClusterOptions.SectionName);
        var appHost = AppHostConfiguration.Bind<AppHostOptions>(configuration, AppHostOptions.SectionName);
        var sampleApi = AppHostConfiguration.Bind<SampleApiOptions>(configuration, SampleApiOptions.SectionName);
        var otlp = AppHostConfiguration.Bind<OtlpOptions>(configuration, OtlpOptions.SectionName);
        var container = AppHostConfiguration.Bind<ContainerOptions>(configuration, ContainerOptions.SectionName);
        var errors = OptionsValidator.Validate(cluster)
            .Concat(OptionsValidator.Validate(appHost))
            .Concat(OptionsValidator.Validate(sampleApi))
            .Concat(OptionsValidator.Validate(otlp))
            .Concat(OptionsValidator.Validate(container))
            .ToList();
        if (errors.Count > 0)
        {
            throw new AppHostException("Invalid configuration:\n  " + string.Join("\n  ", errors));
        }

        var stateDirectory = StateFolder.Resolve(appHost.StateDirectory, AppHostConfiguration.ContentRoot);
        return new AppHostContext(cluster, appHost, sampleApi, otlp, container, stateDirectory, loggerFactory);
    }
}
