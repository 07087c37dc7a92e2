using Microsoft.Extensions.Logging;

namespace RedisAspire.Hosting.Health;

/// <summary>
/// Writes every entry to two loggers: the cluster resource's own log (the dashboard's console view of the resource) and
/// the AppHost's console, so what happens to the cluster is visible in both places.
/// </summary>
internal sealed class TeeLogger(ILogger resource, ILogger console) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => resource.IsEnabled(logLevel) || console.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        resource.Log(logLevel, eventId, state, exception, formatter);
        console.Log(logLevel, eventId, state, exception, formatter);
    }
}
