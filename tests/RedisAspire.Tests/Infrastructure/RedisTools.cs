namespace RedisAspire.Tests.Infrastructure;

/// <summary>Locates the Redis binaries the integration tests run.</summary>
public static class RedisTools
{
    private static readonly Lazy<string?> Server = new(() => ExecutableLocator.Find("redis-server"));
    private static readonly Lazy<string?> Cli = new(() => ExecutableLocator.Find("redis-cli"));

    /// <summary>Full path of <c>redis-server</c>; throws with an install hint when it is absent.</summary>
    public static string ServerPath => Server.Value ?? throw new InvalidOperationException(Absent("redis-server"));

    /// <summary>Full path of <c>redis-cli</c>; throws with an install hint when it is absent.</summary>
    public static string CliPath => Cli.Value ?? throw new InvalidOperationException(Absent("redis-cli"));

    /// <summary>Why Redis tests must be skipped, or <see langword="null"/> when both binaries are on <c>PATH</c>.</summary>
    public static string? SkipReason =>
        Server.Value is null ? Absent("redis-server")
        : Cli.Value is null ? Absent("redis-cli")
        : null;

    private static string Absent(string tool) =>
        $"{tool} is absent: it was not found on PATH. Install it (apt-get install -y redis-server redis-tools) to run this test.";
}
