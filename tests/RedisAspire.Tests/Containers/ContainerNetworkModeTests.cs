using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// The whole application with its nodes in containers, in one network mode: the cluster is Ready, sample-api on the
/// host stores and reads 1,000 keys spread over every master, and stopping and starting every container keeps them.
/// </summary>
public abstract class ContainerNetworkModeTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : ContainerApplicationFixture
{
    private const int KeyCount = 1000;
    private const int Concurrency = 8;

    /// <summary>The mode's shared application.</summary>
    protected TFixture Fixture => fixture;

    [PodmanFact]
    public async Task ClusterIsReadyAndSampleApiStoresAThousandKeysOnEveryMaster()
    {
        var app = fixture.App;
        var containers = await RunningContainersAsync();
        var view = await ContainerClusterAssertions.AssertReadyAsync(app);
        var keys = Keys("keys");
        using var http = app.CreateHttpClient("sample-api");

        await PutAsync(http, keys);
        await AssertStoredAsync(http, keys);
        var sizes = await ContainerClusterAssertions.AssertEveryMasterHoldsKeysAsync(app, view);

        Assert.Equal(6, containers.Count);
        output.WriteLine($"{fixture.NetworkMode}: first start to Ready and sample-api healthy in {fixture.FirstStart.TotalSeconds:0.0} s; keys per master: {sizes}");
    }

    [PodmanFact]
    public async Task StoppingAndStartingEveryContainerKeepsTheClusterAndEveryKey()
    {
        var keys = Keys("restart");
        using (var http = fixture.App.CreateHttpClient("sample-api"))
        {
            await PutAsync(http, keys);
        }

        var before = await RunningContainersAsync();
        var restart = await fixture.RestartAsync();
        var after = await RunningContainersAsync();
        var view = await ContainerClusterAssertions.AssertReadyAsync(fixture.App);
        using var client = fixture.App.CreateHttpClient("sample-api");

        await AssertStoredAsync(client, keys);
        Assert.Equal(6, before.Count);
        Assert.Equal(6, after.Count);
        Assert.Empty(before.Intersect(after));
        await ContainerClusterAssertions.AssertEveryMasterHoldsKeysAsync(fixture.App, view);
        output.WriteLine($"{fixture.NetworkMode}: restart on the same state to Ready and sample-api healthy in {restart.TotalSeconds:0.0} s");
    }

    private static List<string> Keys(string prefix)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        return [.. Enumerable.Range(0, KeyCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{run}-{i}"))];
    }

    private static Task PutAsync(HttpClient http, IReadOnlyList<string> keys) =>
        Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (key, cancellationToken) =>
        {
            using var put = await http.PutAsync(new Uri($"/items/{key}", UriKind.Relative), new StringContent($"value of {key}"), cancellationToken);
            Assert.True(put.StatusCode == HttpStatusCode.NoContent, $"PUT /items/{key}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync(cancellationToken)}");
        });

    private static Task AssertStoredAsync(HttpClient http, IReadOnlyList<string> keys) =>
        Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (key, cancellationToken) =>
        {
            using var get = await http.GetAsync(new Uri($"/items/{key}", UriKind.Relative), cancellationToken);
            var body = await get.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(get.StatusCode == HttpStatusCode.OK && body == $"value of {key}", $"GET /items/{key}: {(int)get.StatusCode} {body}");
        });

    // IDs of the application's running node containers, found by the label AppHost puts on everything it creates.
    private async Task<IReadOnlyList<string>> RunningContainersAsync()
    {
        var ids = await ContainerRuntimeCli.Current.RunCheckedAsync(["ps", "--filter", $"label={fixture.StateLabel}", "--format", "{{.ID}}"]);
        return ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
