using RedisAspire.AppHost.Containers;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// Fails the run when the container tests leave anything behind, once they are all done: a container, network or
/// volume labelled <see cref="RawBridgeCluster.TestLabel"/> (the tests' own) or <see cref="ContainerLabels.App"/>
/// (AppHost's), or a network namespace of <see cref="NetworkNamespaceClient"/>. Only what this test process created
/// counts (<see cref="ThisProcessLabel"/>, which AppHost sets too): another run on the same machine is not a leak.
/// </summary>
public sealed class ContainerLeftoversFixture : IAsyncLifetime
{
    /// <summary>
    /// AppHost's owner label with this process as owner: AppHost puts it on everything it creates (in-process here) and
    /// <see cref="RawBridgeCluster"/> does the same.
    /// </summary>
    public static readonly string ThisProcessLabel = $"{ContainerLabels.Owner}={Environment.MachineName}/{Environment.ProcessId}";

    private static readonly TimeSpan IpTimeout = TimeSpan.FromSeconds(10);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (ContainerRuntimeCli.SkipReason is not null)
        {
            return;
        }

        var runtime = ContainerRuntimeCli.Current;
        var left = new List<string>();
        left.AddRange(await runtime.FindLabelledAsync(ThisProcessLabel, RawBridgeCluster.TestLabel));
        left.AddRange(await runtime.FindLabelledAsync(ThisProcessLabel, ContainerLabels.App));
        var namespaces = await ChildProcess.RunAsync("ip", ["netns", "list"], IpTimeout);
        left.AddRange(namespaces.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(NetworkNamespaceClient.Created.Contains)
            .Select(name => $"network namespace {name}"));
        if (left.Count > 0)
        {
            var cli = runtime.Name;
            throw new InvalidOperationException(
                $"The container tests left behind: {string.Join(", ", left)}. Remove them with "
                + $"`{cli} rm -f $({cli} ps -aq --filter label={ThisProcessLabel})`, `{cli} network rm $({cli} network ls -q --filter label={ThisProcessLabel})` "
                + "and `ip netns delete <name>`.");
        }
    }
}
