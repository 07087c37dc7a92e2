using System.Net;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The whole application, started once by <see cref="SharedApplicationFixture"/>, as a user of it sees it.</summary>
[Collection(SharedApplicationGroup.Name)]
public sealed partial class WholeApplicationTests(SharedApplicationFixture fixture)
{
    private TestApplication App => fixture.App;

    [RedisFact]
    public async Task EveryResourceIsHealthy()
    {
        var bound = TimeSpan.FromSeconds(10);

        await App.WaitForResourceHealthyAsync("cache", bound);
        await App.WaitForResourceHealthyAsync("redis-0", bound);
        await App.WaitForResourceHealthyAsync("redis-5", bound);
        await App.WaitForResourceHealthyAsync("cluster-init", bound);
        await App.WaitForResourceHealthyAsync("sample-api", bound);
    }

    [RedisFact]
    public async Task RedisCliClusterCheckShowsItsThreeOkLines()
    {
        var check = await App.RedisCliAsync("--cluster", "check", App.Nodes[0].Endpoint);

        Assert.True(check.ExitCode == 0, check.ToString());
        var ok = check.Lines.Where(line => line.StartsWith("[OK]", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, ok.Count);
        Assert.Matches(KeysInThreeMasters(), ok[0]);
        Assert.Equal("[OK] All nodes agree about slots configuration.", ok[1]);
        Assert.Equal("[OK] All 16384 slots covered.", ok[2]);
        Assert.DoesNotContain(check.Lines, line => line.StartsWith("[WARNING]", StringComparison.Ordinal) || line.StartsWith("[ERR]", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task ClusterHasThreeMastersWithOneReplicaEach()
    {
        await using var client = await TestRedisClient.ConnectAsync(App.Nodes[0].Host, App.Nodes[0].Port, App.Password);
        var view = ClusterNodesLine.ParseAll((await client.ExecuteAsync("CLUSTER", "NODES")).AsText());

        Assert.Equal(App.Nodes.Select(n => n.Port).Order(), view.Select(n => n.Port).Order());
        var masters = view.Where(n => n.IsMaster).ToList();
        Assert.Equal(3, masters.Count);
        Assert.Equal(16384, masters.Sum(m => m.SlotCount));
        Assert.Equal(masters.Select(m => m.Id).Order(), view.Where(n => n.IsReplica).Select(n => n.MasterId!).Order());
    }

    [RedisFact]
    public async Task SampleApiHealthAnswers200()
    {
        using var http = App.CreateHttpClient("sample-api");

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [RedisFact]
    public async Task SampleApiStoresReadsAndDeletesAnItem()
    {
        using var http = App.CreateHttpClient("sample-api");
        var key = new Uri($"/items/whole-app-{Guid.NewGuid():N}", UriKind.Relative);

        using var put = await http.PutAsync(key, new StringContent("hello"));
        var read = await http.GetStringAsync(key);
        using var delete = await http.DeleteAsync(key);
        using var afterDelete = await http.GetAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("hello", read);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
    }

    [RedisFact]
    public async Task ItemWrittenThroughTheApiIsReadableWithRedisCli()
    {
        using var http = App.CreateHttpClient("sample-api");
        var key = $"api-to-cli-{Guid.NewGuid():N}";
        using var put = await http.PutAsync(new Uri($"/items/{key}", UriKind.Relative), new StringContent("from the api"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var get = await App.RedisCliAsync("-c", "-h", App.Nodes[0].Host, "-p", App.Nodes[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "GET", key);

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("from the api", get.StandardOutput.Trim());
    }

    [RedisFact]
    public void ConnectionStringListsEveryNodeAndThePassword()
    {
        var connectionString = App.GetConnectionString("cache");

        Assert.Equal(
            string.Join(',', App.Nodes.Select(n => n.Endpoint)) + ",password=" + App.Password,
            connectionString);
        Assert.Equal(6, App.Nodes.Count);
        Assert.DoesNotContain(App.Password, App.App.Cluster.MaskedConnectionString, StringComparison.Ordinal);
    }

    [RedisFact]
    public void SampleApiListensOnAFreeLoopbackPort()
    {
        var url = App.GetEndpoint("sample-api");

        Assert.Equal("127.0.0.1", url.Host);
        Assert.DoesNotContain(url.Port, App.Nodes.SelectMany(n => new[] { n.Port, n.BusPort }));
        Assert.Contains($"[apphost] sample-api: {url.GetLeftPart(UriPartial.Authority)}", App.Output.Lines);
    }

    [RedisFact]
    public void NoChildCommandLineHoldsThePassword()
    {
        var processes = App.App.ProcessIds;

        Assert.Equal(
            ["redis-0", "redis-1", "redis-2", "redis-3", "redis-4", "redis-5", "sample-api"],
            processes.Keys.Order(StringComparer.Ordinal));
        Assert.All(processes, p =>
        {
            var commandLine = AppProcesses.CommandLine(p.Value);
            Assert.False(string.IsNullOrEmpty(commandLine), $"{p.Key} ({p.Value}) has no command line");
            Assert.All(App.Secrets, secret => Assert.DoesNotContain(secret, commandLine, StringComparison.Ordinal));
        });
        Assert.Equal(7, App.FindProcesses().Count);
    }

    [RedisFact]
    public void OutputNeverShowsThePassword()
    {
        var output = App.Output.Text;

        Assert.Contains("[cluster-init]", output, StringComparison.Ordinal);
        Assert.Contains("[sample-api]", output, StringComparison.Ordinal);
        Assert.Equal(3, App.Secrets.Count);
        Assert.All(App.Secrets, secret => Assert.DoesNotContain(secret, output, StringComparison.Ordinal));
    }

    [RedisFact]
    [UnsupportedOSPlatform("windows")]
    public void SecretsOnDiskAreReadableByTheOwnerOnly()
    {
        var passwordFiles = PasswordFiles.Select(f => Path.Combine(App.StateDirectory, f)).ToList();
        var secrets = passwordFiles.Concat(App.Nodes.Select(n => n.ConfigPath));

        Assert.All(secrets, path => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path)));
        Assert.Equal(App.Password, File.ReadAllText(passwordFiles[0]).Trim());
        Assert.Equal(App.AdminPassword, File.ReadAllText(passwordFiles[1]).Trim());
    }

    private static readonly string[] PasswordFiles = ["password-default", "password-admin", "password-replication"];

    [GeneratedRegex(@"^\[OK\] \d+ keys in 3 masters\.$")]
    private static partial Regex KeysInThreeMasters();
}
