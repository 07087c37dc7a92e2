using Microsoft.Extensions.Logging;

namespace RedisAspire.Tests.Hosting;

/// <summary>Sends AppHost's log entries to a <see cref="CapturedOutput"/>, formatted as AppHost prints them.</summary>
public sealed class CapturingLoggerProvider(CapturedOutput output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, output);

    public void Dispose()
    {
    }
}
