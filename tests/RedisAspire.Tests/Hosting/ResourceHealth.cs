using System.Globalization;
using System.Net;
using RedisAspire.AppHost;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// One real check of a resource's health, as <see cref="TestApplication.WaitForResourceHealthyAsync"/> polls it:
/// <c>cache</c> every node reports <c>cluster_state:ok</c>; <c>redis-i</c> answers PING; <c>cluster-init</c> exited 0;
/// <c>sample-api</c> answers <c>GET /health</c> with 200 and has not exited.
/// </summary>
internal sealed class ResourceHealth(DistributedApp app, HttpClient http)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What a wait on <paramref name="name"/> waits for, for messages.</summary>
    public string Describe(string name) => Kind(name) switch
    {
        "cache" => "every node of the cluster to answer CLUSTER INFO with cluster_state:ok",
        "node" => $"{name} to answer PING",
        "cluster-init" => $"{name} to exit with code 0",
        _ => $"{name} to answer GET /health with 200",
    };

    /// <summary>Healthy, or what was seen; <c>Final</c> when waiting longer cannot help (a process exited).</summary>
    public async Task<(bool Healthy, string Seen, bool Final)> CheckAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return Kind(name) switch
            {
                "cache" => await CheckClusterAsync(cancellationToken),
                "node" => await CheckNodeAsync(name, cancellationToken),
                "cluster-init" => CheckClusterInit(),
                _ => await CheckSampleApiAsync(cancellationToken),
            };
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or System.Net.Sockets.SocketException or HttpRequestException
            or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"{ex.GetType().Name}: {ex.Message}", false);
        }
    }

    private string Kind(string name)
    {
        if (string.Equals(name, app.Cluster.Name, StringComparison.OrdinalIgnoreCase))
        {
            return "cache";
        }

        if (app.Cluster.Nodes.Any(n => n.Name == name))
        {
            return "node";
        }

        if (string.Equals(name, app.ClusterInit.Name, StringComparison.OrdinalIgnoreCase))
        {
            return "cluster-init";
        }

        return string.Equals(name, app.SampleApi.Name, StringComparison.OrdinalIgnoreCase)
            ? "sample-api"
            : throw new ArgumentException(
                $"No resource named '{name}'; the application has {app.Cluster.Name}, {string.Join(", ", app.Cluster.Nodes.Select(n => n.Name))}, {app.ClusterInit.Name} and {app.SampleApi.Name}.",
                nameof(name));
    }

    private async Task<(bool, string, bool)> CheckClusterAsync(CancellationToken cancellationToken)
    {
        foreach (var node in app.Cluster.Nodes)
        {
            await using var client = await TestRedisClient.ConnectAsync(node.Host, node.Port, app.Cluster.Password, CommandTimeout, cancellationToken: cancellationToken);
            var reply = await client.ExecuteAsync(["CLUSTER", "INFO"], cancellationToken);
            var state = reply.IsError ? reply.ToString() : RedisInfo.Parse(reply.AsText()).GetValueOrDefault("cluster_state", "?");
            if (state != "ok")
            {
                return (false, $"{node.Name} ({node.Endpoint}) reports cluster_state:{state}", false);
            }
        }

        return (true, "cluster_state:ok on every node", false);
    }

    private async Task<(bool, string, bool)> CheckNodeAsync(string name, CancellationToken cancellationToken)
    {
        var node = app.Cluster.Nodes.Single(n => n.Name == name);
        await using var client = await TestRedisClient.ConnectAsync(node.Host, node.Port, app.Cluster.Password, CommandTimeout, cancellationToken: cancellationToken);
        var reply = await client.ExecuteAsync(["PING"], cancellationToken);
        return (reply is { Kind: RespReplyKind.SimpleString, Text: "PONG" }, $"{node.Endpoint} answered {reply}", false);
    }

    private (bool, string, bool) CheckClusterInit() => app.ClusterInit.ExitCode switch
    {
        null => (false, "it has not exited yet", false),
        0 => (true, "exited with code 0", false),
        var code => (false, string.Create(CultureInfo.InvariantCulture, $"exited with code {code}"), true),
    };

    private async Task<(bool, string, bool)> CheckSampleApiAsync(CancellationToken cancellationToken)
    {
        if (app.SampleApi.ExitCode is { } exitCode)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"the process exited with code {exitCode}"), true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        using var response = await http.GetAsync(new Uri(app.SampleApi.Url, "/health"), timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        return (response.StatusCode == HttpStatusCode.OK, string.Create(CultureInfo.InvariantCulture, $"GET /health answered {(int)response.StatusCode} {body}"), false);
    }
}
