using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Telemetry;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The whole application, started once through Aspire.Hosting.Testing, as a user of it sees it.</summary>
[Collection(AppHostGroup.Name)]
public sealed partial class WholeApplicationTests(SharedAppHostFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly string[] PasswordFiles = ["password-app", "password-admin", "password-replication"];

    private TestAppHost App => fixture.App;

    [RedisFact]
    public async Task EveryResourceIsHealthyAndClusterInitFinishedWithExitCodeZero()
    {
        foreach (var resource in new[] { "cache", "cache-0", "cache-5", "sample-api" })
        {
            await App.WaitForHealthyAsync(resource, Bound);
        }

        var clusterInit = await App.WaitForAsync("cluster-init", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), "a terminal state", Bound);
        Assert.Equal(KnownResourceStates.Finished, clusterInit.Snapshot.State?.Text);
        Assert.Equal(0, clusterInit.Snapshot.ExitCode);
    }

    [RedisFact]
    public async Task NodesAreTheClustersChildrenWithFixedProxylessPorts()
    {
        Assert.Equal(["cache-0", "cache-1", "cache-2", "cache-3", "cache-4", "cache-5"], App.Cluster.Nodes.Select(n => n.Name));
        Assert.Equal(Enumerable.Range(App.BasePort, 6), App.Nodes.Select(n => n.Port));
        foreach (var node in App.Cluster.Nodes)
        {
            Assert.True(node.TryGetAnnotationsOfType<ResourceRelationshipAnnotation>(out var relationships));
            Assert.Contains(relationships, r => r.Resource == App.Cluster && r.Type == "Parent");
            var endpoints = node.Annotations.OfType<EndpointAnnotation>().ToList();
            Assert.All(endpoints, e => Assert.False(e.IsProxied));
            Assert.All(endpoints, e => Assert.Equal(e.Port, e.TargetPort));
            Assert.Equal([node.Node.Port, node.Node.BusPort], endpoints.Select(e => e.Port!.Value));
        }

        var state = await App.WaitForAsync("cache-3", e => e.Snapshot.State?.Text == KnownResourceStates.Running, "Running", Bound);
        Assert.Contains(state.Snapshot.Properties, p => p.Name == "resource.parentName" && (string?)p.Value == "cache");
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
    public async Task ClusterIsReadyWithThreeMastersAndOneReplicaEach()
    {
        var view = await ClusterReadyAssertions.AssertReadyAsync([.. App.Nodes.Select(n => (n.Name, n.Host, n.Port))], App.AdminPassword, App.AdminUser);

        Assert.Equal(App.NodePorts.Order(), view.Select(n => n.Port).Order());
    }

    [RedisFact]
    public async Task AThousandKeysThroughSampleApiLandOnEveryMaster()
    {
        using var http = App.CreateHttpClient("sample-api");
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 1000; i++)
        {
            using var put = await http.PutAsync(new Uri($"/items/thousand-{run}-{i}", UriKind.Relative), new StringContent($"value {i}"));
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        for (var i = 0; i < 1000; i += 97)
        {
            Assert.Equal($"value {i}", await http.GetStringAsync(new Uri($"/items/thousand-{run}-{i}", UriKind.Relative)));
        }

        var view = await ClusterReadyAssertions.AssertReadyAsync([.. App.Nodes.Select(n => (n.Name, n.Host, n.Port))], App.AdminPassword, App.AdminUser);
        var perMaster = await ClusterReadyAssertions.AssertEveryMasterHoldsKeysAsync(App.AdminPassword, view, App.AdminUser);
        Assert.Equal(3, perMaster.Split(", ").Length);
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

        var get = await App.RedisCliAsync("-c", "-h", App.Nodes[0].Host, "-p", App.Nodes[0].Port.ToString(CultureInfo.InvariantCulture), "GET", key);

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("from the api", get.StandardOutput.Trim());
    }

    [RedisFact]
    public async Task ConnectionStringListsEveryNodeAndTheApplicationUserAndPassword()
    {
        var connectionString = await App.GetConnectionStringAsync();

        Assert.Equal(string.Join(',', App.Nodes.Select(n => n.Endpoint)) + ",user=app,password=" + App.Password, connectionString);
    }

    [RedisFact]
    public async Task CheckCommandReportsReadyWithEveryNode()
    {
        var result = await App.ExecuteCommandAsync("cache", "redis-cluster-check");

        Assert.True(result.Success, result.Message);
        Assert.Equal("Ready: 3 masters, 3 replicas, all 16384 slots served", result.Message);
        var report = Assert.IsType<string>(result.Data?.Value);
        Assert.All(App.Nodes, n => Assert.Contains(n.Endpoint, report, StringComparison.Ordinal));
        Assert.Equal(3, report.Split('\n').Count(l => l.Contains(" master ", StringComparison.Ordinal)));
    }

    [RedisFact]
    public async Task RepairCommandRunsClusterInitAgainWhichChangesNothingOnAReadyCluster()
    {
        var before = App.Output.Lines.Count;

        var result = await App.ExecuteCommandAsync("cache", "redis-cluster-repair");

        Assert.True(result.Success, result.Message);
        Assert.StartsWith("cluster-init exited 0: cache is Ready.", result.Message, StringComparison.Ordinal);
        var repairRun = string.Join('\n', App.Output.Lines.Skip(before));
        Assert.Contains("Not every node is empty and alone", repairRun, StringComparison.Ordinal);
        Assert.DoesNotContain("CLUSTER MEET", repairRun, StringComparison.Ordinal);
        await App.WaitForHealthyAsync("sample-api", Bound);
    }

    [RedisFact]
    public void NoProcessCommandLineHoldsAPassword()
    {
        var processes = App.FindProcesses();

        Assert.Equal(6, processes.Count(p => p.CommandLine.Contains("redis-server", StringComparison.Ordinal)));
        Assert.Contains(processes, p => p.CommandLine.Contains("SampleApi", StringComparison.Ordinal));
        Assert.All(processes, p => Assert.All(App.Secrets, secret => Assert.DoesNotContain(secret, p.CommandLine, StringComparison.Ordinal)));
    }

    [RedisFact]
    public void LogsNeverShowAPassword()
    {
        var output = App.Output.Text;

        Assert.Contains("cache: Ready", output, StringComparison.Ordinal);
        Assert.Contains("cluster-init", output, StringComparison.Ordinal);
        Assert.All(App.Secrets, secret => Assert.DoesNotContain(secret, output, StringComparison.Ordinal));
    }

    [RedisFact]
    [UnsupportedOSPlatform("windows")]
    public void SecretsOnDiskAreReadableByTheOwnerOnly()
    {
        var passwordFiles = PasswordFiles.Select(f => Path.Combine(App.StateDirectory, f));
        var secrets = passwordFiles.Concat(App.Nodes.Select(n => n.ConfigPath));

        Assert.All(secrets, path => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(App.StateDirectory));
    }

    [RedisFact]
    public async Task ClusterInitAndSampleApiExportTheirTelemetryWhereTheAppHostTellsThem()
    {
        using var http = App.CreateHttpClient("sample-api");
        using var put = await http.PutAsync(new Uri($"/items/traced-{Guid.NewGuid():N}", UriKind.Relative), new StringContent("traced"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        await App.Telemetry.WaitForRequestAsync(OtlpReceiver.Traces, "cluster-init", Bound);
        await App.Telemetry.WaitForRequestAsync(OtlpReceiver.Traces, "sample-api", Bound);
        await App.Telemetry.WaitForRequestAsync(OtlpReceiver.Metrics, "sample-api", Bound);
        await App.Telemetry.WaitForRequestAsync(OtlpReceiver.Logs, "sample-api", Bound);
        var span = await App.Telemetry.WaitForSpanAsync(s => s.ServiceName == "sample-api" && s.Name.StartsWith("PUT", StringComparison.Ordinal), Bound, "sample-api's PUT span");
        Assert.Contains("/items/", span.Name, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\[OK\] \d+ keys in 3 masters\.$")]
    private static partial Regex KeysInThreeMasters();
}
