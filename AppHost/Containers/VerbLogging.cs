using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace RedisAspire.AppHost.Containers;

/// <summary>Console logging of the image-building verbs: everything on stderr, so stdout carries only their result (image names).</summary>
internal static class VerbLogging
{
    public const string Category = "apphost";

    public static ILoggerFactory Create(IConfiguration configuration) =>
        LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(options => options.SingleLine = true)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
