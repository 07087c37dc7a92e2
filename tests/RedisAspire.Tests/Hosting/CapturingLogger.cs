using Microsoft.Extensions.Logging;

namespace RedisAspire.Tests.Hosting;

/// <summary>One category (resource) of <see cref="CapturingLoggerProvider"/>: <c>[category] level: message</c>.</summary>
public sealed class CapturingLogger(string category, CapturedOutput output) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Warning => "warn: ",
            LogLevel.Error => "error: ",
            LogLevel.Critical => "crit: ",
            _ => "",
        };
        var message = formatter(state, exception);
        output.Add(exception is null ? $"[{category}] {level}{message}" : $"[{category}] {level}{message}\n{exception}");
    }
}
