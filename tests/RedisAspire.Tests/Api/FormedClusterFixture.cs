using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Api;

/// <summary>Six nodes formed into a Ready cluster by ClusterInit, and one SampleApi on it that answers <c>/health</c> 200.</summary>
public sealed class FormedClusterFixture : IAsyncLifetime
{
    public RedisTestCluster Cluster { get; private set; } = null!;

    public SampleApiProcess Api { get; private set; } = null!;

    public HttpClient Http => Api.Http;

    public async Task InitializeAsync()
    {
        Cluster = await RedisTestCluster.StartAsync();
        var run = await Cluster.RunClusterInitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"ClusterInit did not form the cluster: {run}");
        }

        Api = await SampleApiProcess.StartAsync(Cluster);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Api is not null)
            {
                await Api.DisposeAsync();
            }
        }
        finally
        {
            if (Cluster is not null)
            {
                await Cluster.DisposeAsync();
            }
        }
    }
}
