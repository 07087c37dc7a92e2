namespace RedisAspire.AppHost;

/// <summary>
/// An expected failure with a message that says what to fix (a config key, a port, a path, a command to run).
/// AppHost prints the message without a stack trace and exits non-zero.
/// </summary>
public sealed class AppHostException : Exception
{
    public AppHostException()
    {
    }

    public AppHostException(string message)
        : base(message)
    {
    }

    public AppHostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
