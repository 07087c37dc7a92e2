using System.Globalization;
using Aspire.Hosting;

namespace RedisAspire.Bench.Aspire;

/// <summary>
/// The cold-start baseline: an Aspire AppHost whose model is one <c>redis-server</c> executable and nothing else, so
/// its start measures what Aspire itself costs (the .NET host, DCP, the dashboard, one executable). It runs as
/// <c>RedisAspire.Bench bare-apphost --Bare:Port=N --Bare:RedisServer=PATH --Bare:Directory=DIR</c> plus
/// <c>--DcpPublisher:CliPath</c> and <c>--DcpPublisher:DashboardPath</c>, the DCP and dashboard the product AppHost was
/// built with (a project that is not an Aspire AppHost project has no such paths of its own).
/// </summary>
public static class BareAppHost
{
    /// <summary>The first argument that makes the benchmark program this AppHost.</summary>
    public const string Verb = "bare-apphost";

    /// <summary>The resource name of the one executable.</summary>
    public const string ResourceName = "redis";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = args,
            DashboardApplicationName = "bare-apphost",
        });
        var port = int.Parse(Required(builder.Configuration["Bare:Port"], "Bare:Port"), NumberStyles.None, CultureInfo.InvariantCulture);
        var redisServer = Required(builder.Configuration["Bare:RedisServer"], "Bare:RedisServer");
        var directory = Required(builder.Configuration["Bare:Directory"], "Bare:Directory");

        // No password (nothing else connects to it), no persistence: the node answers PING as soon as it listens.
        builder.AddExecutable(
            ResourceName,
            redisServer,
            directory,
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        await builder.Build().RunAsync();
        return 0;
    }

    private static string Required(string? value, string key) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"{Verb} needs --{key}=…") : value;
}
