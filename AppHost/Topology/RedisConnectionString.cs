namespace RedisAspire.AppHost.Topology;

/// <summary>Builds the <c>ConnectionStrings:cache</c> value in StackExchange.Redis format.</summary>
public static class RedisConnectionString
{
    /// <summary>What replaces the password wherever it would be shown.</summary>
    public const string Mask = "*****";

    /// <summary><c>host:port,host:port,…,password=…</c> listing every node; no password option when it is empty.</summary>
    public static string Build(IEnumerable<RedisNode> nodes, string password)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(password);
        var endpoints = string.Join(',', nodes.Select(n => n.Endpoint));
        return password.Length == 0 ? endpoints : $"{endpoints},password={password}";
    }

    /// <summary>The same string with the password replaced by <see cref="Mask"/>, safe to print.</summary>
    public static string BuildMasked(IEnumerable<RedisNode> nodes, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Build(nodes, password.Length == 0 ? "" : Mask);
    }
}
