using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace RedisAspire.AppHost.Logging;

/// <summary>
/// One line per entry, prefixed with the resource the line is about: <c>[redis-0] …</c>, <c>[cluster-init] …</c>,
/// <c>[apphost] …</c> (the logger category is the resource name). Warnings and errors carry their level.
/// </summary>
internal sealed class ResourceConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "resource";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write('[');
        textWriter.Write(logEntry.Category);
        textWriter.Write("] ");
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.WriteLine(message);
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Warning => "warn: ",
        LogLevel.Error => "error: ",
        LogLevel.Critical => "crit: ",
        _ => "",
    };
}
