namespace RedisAspire.Cluster.Resp;

/// <summary>A node answered a command with an error reply.</summary>
public sealed class RedisServerException : Exception
{
    public RedisServerException(string node, string command, string serverError)
        : base($"{node} answered '{command}' with error: {serverError}")
    {
        Node = node;
        Command = command;
        ServerError = serverError;
    }

    public string Node { get; }

    public string Command { get; }

    public string ServerError { get; }

    /// <summary>True for WRONGPASS, NOAUTH and AUTH-without-password errors.</summary>
    public bool IsAuthenticationError =>
        ServerError.StartsWith("WRONGPASS", StringComparison.Ordinal)
        || ServerError.StartsWith("NOAUTH", StringComparison.Ordinal)
        || ServerError.Contains("AUTH", StringComparison.Ordinal) && ServerError.Contains("without any password", StringComparison.Ordinal);
}
