using System.Globalization;
using RedisAspire.Bench.Aspire;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// The baseline of the cold start: the bare AppHost (<see cref="BareAppHost"/>, Aspire with one <c>redis-server</c>
/// executable and nothing else) from process start until that node answers PING, then stopped with SIGINT like the
/// product, with the same checks that nothing is left.
/// </summary>
public static class BareStart
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PingInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One start of the bare AppHost; the run's processes are looked at every <paramref name="lookInterval"/> (with
    /// their memory when <paramref name="measureMemory"/>) until <paramref name="settle"/> after the start is complete.
    /// </summary>
    public static async Task<BareStartSample> RunAsync(TimeSpan lookInterval, bool measureMemory, TimeSpan settle, CancellationToken cancellationToken)
    {
        var root = NodeGroup.CreateRoot("bare-apphost");
        int port;
        AspireAppHost apphost;
        try
        {
            port = FreePorts.AllocateBlock(1);
            var (fileName, prefix) = Tools.BenchProgram;
            apphost = AspireAppHost.Start(
                "bare-apphost",
                fileName,
                [
                    .. prefix,
                    BareAppHost.Verb,
                    string.Create(CultureInfo.InvariantCulture, $"--Bare:Port={port}"),
                    $"--Bare:RedisServer={Tools.RedisServer}",
                    $"--Bare:Directory={root}",
                    $"--DcpPublisher:CliPath={Tools.DcpCli}",
                    $"--DcpPublisher:DashboardPath={Tools.Dashboard}",
                ],
                root,
                root,
                [port],
                []);
        }
        catch
        {
            NodeGroup.DeleteRoot(root);
            throw;
        }

        await using (apphost)
        {
            double pingSeconds, dashboardSeconds;
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var following = apphost.FollowAsync(lookInterval, measureMemory, starting.Token);
                try
                {
                    var node = new BenchNode(BareAppHost.ResourceName, port, root, password: "");
                    var dashboard = apphost.SecondsUntilLineAsync(AspireAppHost.DashboardLoginLine, StartTimeout, starting.Token);
                    var ping = WaitPingAsync(apphost, node, starting.Token);
                    await Together.AllAsync(starting, dashboard, ping);
                    pingSeconds = await ping;
                    dashboardSeconds = await dashboard;
                    await Task.Delay(settle, starting.Token);
                }
                finally
                {
                    await starting.CancelAsync();
                    await following;
                }
            }

            var memory = apphost.Processes.Memory();
            var census = apphost.Processes.Census();
            var others = apphost.Processes.Others();
            Console.Error.WriteLine($"[{apphost.Process.Name}] processes of the run: {census}; other processes: {(others.Length == 0 ? "none" : others)}");
            var stop = await apphost.StopAsync(cancellationToken);
            return new BareStartSample(dashboardSeconds, pingSeconds, stop, memory, census, apphost.Processes.SecondsToFirst(ProcessKind.RedisServer));
        }
    }

    private static async Task<double> WaitPingAsync(AspireAppHost apphost, BenchNode node, CancellationToken cancellationToken)
    {
        var seen = "no attempt yet";
        await Poll.UntilAsync(
            async () =>
            {
                apphost.ThrowIfExited();
                try
                {
                    await using var connection = await node.ConnectAsync(PingTimeout, cancellationToken);
                    var reply = await connection.ExecuteAsync("PING");
                    seen = reply.IsError ? $"error {reply.Text}" : reply.Text ?? "(null)";
                    return reply.Text == "PONG" && !reply.IsError;
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException or InvalidOperationException)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }

                    seen = e.Message;
                    return false;
                }
            },
            StartTimeout,
            PingInterval,
            () => $"the bare AppHost's redis-server ({node.Endpoint}) to answer PING; last seen: {seen}; AppHost output:\n{apphost.Process.Tail()}",
            cancellationToken);
        return Poll.SecondsSince(apphost.StartedTimestamp);
    }
}
