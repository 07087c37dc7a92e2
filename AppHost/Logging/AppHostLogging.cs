using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace RedisAspire.AppHost.Logging;

/// <summary>Logging for AppHost run from a console: <c>[resource] message</c> lines, levels from the <c>Logging</c> section.</summary>
internal static class AppHostLogging
{
    /// <summary>Category of AppHost's own messages.</summary>
    public const string Category = "apphost";

    /// <param name="configuration">Its <c>Logging</c> section sets the levels.</param>
    /// <param name="standardError">Everything to stderr, so stdout carries only a command's result (<c>build-image</c>).</param>
    public static ILoggerFactory CreateConsoleLoggerFactory(IConfiguration configuration, bool standardError = false) =>
        LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole(options =>
            {
                options.FormatterName = ResourceConsoleFormatter.FormatterName;
                if (standardError)
                {
                    options.LogToStandardErrorThreshold = LogLevel.Trace;
                }
            })
            .AddConsoleFormatter<ResourceConsoleFormatter, ConsoleFormatterOptions>());
}
