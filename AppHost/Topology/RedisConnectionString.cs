namespace RedisAspire.AppHost.Topology;

/// <summary>Builds the <c>ConnectionStrings:cache</c> value in StackExchange.Redis format.</summary>
public static class RedisConnectionString
{
    /// <summary>What replaces the password wherever it would be shown.</summary>
    public const string Mask = "*****";

    /// <summary>
    /// <c>host:port,host:port,…,password=…</c> listing every node; no password option when it is empty; <c>ssl=true</c>
    /// when <paramref name="tls"/>.
    /// </summary>
    public static string Build(IEnumerable<RedisNode> nodes, string password, bool tls = false)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(password);
        var endpoints = string.Join(',', nodes.Select(n => n.Endpoint));
        var text = password.Length == 0 ? endpoints : $"{endpoints},password={password}";
        return tls ? text + ",ssl=true" : text;
    }

    /// <summary>The same string with the password replaced by <see cref="Mask"/>, safe to print.</summary>
    public static string BuildMasked(IEnumerable<RedisNode> nodes, string password, bool tls = false)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Build(nodes, password.Length == 0 ? "" : Mask, tls);
    }
}
