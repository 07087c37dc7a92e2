using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using RedisAspire.Hosting.Tls;
using RedisAspire.Tests.Api;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>
/// The whole application with <c>Cluster:Tls=true</c>: cluster-init forms the cluster over TLS, the nodes refuse plain
/// text, only the development CA is trusted, sample-api round-trips and survives a failover over TLS, and the
/// certificates are reused by the next run.
/// </summary>
[Collection(AppHostGroup.Name)]
public sealed class TlsApplicationTests : IDisposable
{
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(60);

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-tls-").FullName;

    [RedisFact]
    public async Task FormsRefusesPlainTextTrustsOnlyItsCaAndFailsOverOverTls()
    {
        var builder = TestAppHostBuilder.Create().WithStateDirectory(_state).WithSetting("Cluster:Tls", "true").WithSetting("Cluster:NodeTimeout", "00:00:02");
        string[] files = [Path.Combine(_state, "tls", "ca.crt"), Path.Combine(_state, "tls", "ca.key"), Path.Combine(_state, "cache-0", "tls.crt"), Path.Combine(_state, "cache-0", "tls.key")];
        Dictionary<string, string> first;
        await using (var app = await builder.StartAsync())
        {
            first = files.ToDictionary(f => f, File.ReadAllText);
            Assert.EndsWith(",ssl=true", await app.GetConnectionStringAsync(), StringComparison.Ordinal);
            var port = await app.RedisCliAsync("-p", Text(app.Nodes[0].Port), "CONFIG", "GET", "port");
            Assert.True(port.ExitCode == 0 && port.StandardOutput.Split('\n', StringSplitOptions.TrimEntries)[1] == "0", port.ToString());
            var check = await app.RedisCliAsync("--cluster", "check", app.Nodes[0].Endpoint);
            Assert.True(check.ExitCode == 0, check.ToString());
            foreach (var node in app.Nodes)
            {
                Assert.Equal("no reply; the connection was closed", await PlainTextPingAsync(node.Host, node.Port));
            }

            var foreignCa = Directory.CreateTempSubdirectory("redisaspire-foreign-ca-").FullName;
            try
            {
                DevelopmentCertificates.Ensure(foreignCa, [], DateTimeOffset.UtcNow).Dispose();
                var refused = await ClusterInitProcess.RunAsync(ClusterInitEnvironment(app, Path.Combine(foreignCa, "tls", "ca.crt")));
                Assert.True(refused.ExitCode == 1 && refused.Output.Contains("failed the TLS handshake", StringComparison.Ordinal), refused.ToString());
            }
            finally
            {
                Directory.Delete(foreignCa, recursive: true);
            }

            await FailOverUnderTheApiAsync(app);
        }

        await using var second = await builder.StartAsync();

        Assert.All(files, f => Assert.Equal(first[f], File.ReadAllText(f)));
        using var http = second.CreateHttpClient("sample-api");
        Assert.Equal("after", await http.GetStringAsync(new Uri("/items/tls-failover", UriKind.Relative)));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static async Task FailOverUnderTheApiAsync(TestAppHost app)
    {
        using var http = app.CreateHttpClient("sample-api");
        const string Key = "tls-failover";
        using (var put = await http.PutAsync(new Uri($"/items/{Key}", UriKind.Relative), new StringContent("before")))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        var owner = (await http.GetFromJsonAsync<KeySlotResponse>(new Uri($"/cluster/slots/{Key}", UriKind.Relative)))!.Node;
        var master = app.Nodes.Single(n => n.Endpoint == owner);
        using (var process = Process.GetProcessById(app.ProcessId(master.Name)))
        {
            process.Kill();
        }

        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            using var put = await http.PutAsync(new Uri($"/items/{Key}", UriKind.Relative), new StringContent("after"));
            var now = (await http.GetFromJsonAsync<KeySlotResponse>(new Uri($"/cluster/slots/{Key}", UriKind.Relative)))!.Node;
            if (put.StatusCode == HttpStatusCode.NoContent && now is not null && now != owner)
            {
                break;
            }

            Assert.True(stopwatch.Elapsed < FailoverBound, $"No write to a new master of {Key} within {FailoverBound} after killing {master.Name}; last seen: PUT {(int)put.StatusCode}, owner {now ?? "none"}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal("after", await http.GetStringAsync(new Uri($"/items/{Key}", UriKind.Relative)));
    }

    /// <summary>Sends PING in plain RESP to a TLS port and reports what came back (bounded by 5 s).</summary>
    private static async Task<string> PlainTextPingAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("*1\r\n$4\r\nPING\r\n"), timeout.Token);
        var buffer = new byte[256];
        try
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return read == 0 ? "no reply; the connection was closed" : "replied " + Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return "no reply; the connection was closed";
        }
    }

    /// <summary>cluster-init's environment as the AppHost gives it, trusting <paramref name="caFile"/>.</summary>
    private static Dictionary<string, string?> ClusterInitEnvironment(TestAppHost app, string caFile)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Cluster__Masters"] = "3",
            ["Cluster__ReplicasPerMaster"] = "1",
            ["Cluster__User"] = app.AdminUser,
            ["Cluster__Password"] = app.AdminPassword,
            ["Cluster__Tls"] = "true",
            ["Cluster__TlsCaFile"] = caFile,
            ["Cluster__NodesTimeout"] = "00:00:05",
        };
        foreach (var node in app.Nodes)
        {
            environment[$"Cluster__Nodes__{Text(node.Index)}__Name"] = node.Name;
            environment[$"Cluster__Nodes__{Text(node.Index)}__Endpoint"] = node.Endpoint;
        }

        return environment;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
