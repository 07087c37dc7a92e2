using System.Diagnostics;
using System.Globalization;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// One failover on a fresh cluster: two clients write to a master's slots every 10 ms (sample-api over HTTP, and plain
/// StackExchange.Redis with default options as a reference), the master is killed with SIGKILL, and the benchmark
/// measures when the server side recovered and when each client's first write started after the kill succeeded.
/// </summary>
public static class FailoverRun
{
    private static readonly TimeSpan Setup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RecoveryInterval = TimeSpan.FromMilliseconds(20);
    private const int WritesBeforeKill = 20;

    public static async Task<FailoverSample> RunAsync(TimeSpan nodeTimeout, List<string> notes, CancellationToken cancellationToken)
    {
        await using var group = await NodeGroup.StartAsync(6, nodeTimeout, cancellationToken);
        await Products.RunClusterInitAsync(group.Nodes, group.Password, Setup);
        var port = FreePorts.AllocateHttp();
        await using var api = Products.StartSampleApi(group.Nodes, group.Password, port);
        await HttpHealth.WaitHealthyAsync(api, port, Setup, TimeSpan.FromMilliseconds(50), cancellationToken);

        var (victim, httpKey, directKey) = await ChooseVictimAsync(group);
        var httpLog = new WriteLog("sample-api");
        var directLog = new WriteLog("plain StackExchange.Redis 3.4.35");
        using var stopWriters = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writers = new[]
        {
            HttpWriter.RunAsync(port, httpKey, httpLog, stopWriters.Token),
            DirectRedisWriter.RunAsync(DirectRedisWriter.Options(group.Nodes.Select(n => n.Endpoint), group.Password), directKey, directLog, stopWriters.Token),
        };
        try
        {
            await Poll.UntilAsync(
                () => Task.FromResult(httpLog.Successes >= WritesBeforeKill && directLog.Successes >= WritesBeforeKill),
                Setup,
                TimeSpan.FromMilliseconds(20),
                () => $"{WritesBeforeKill} successful writes from each client before the kill; {httpLog.Describe()}; {directLog.Describe()}",
                cancellationToken);

            var killed = Stopwatch.GetTimestamp();
            await victim.KillAsync();
            // Writes that started between the timestamp and the signal's delivery may still have succeeded on the old
            // master; only writes started once the process is gone count as "after the kill".
            var dead = Stopwatch.GetTimestamp();
            var live = group.Nodes.Where(n => n != victim).ToList();
            var recovered = await WaitRecoveredAsync(live, nodeTimeout, victim, cancellationToken);
            var recoverySeconds = Poll.Seconds(killed, recovered);

            var resumeTimeout = TimeSpan.FromSeconds(recoverySeconds) + TimeSpan.FromSeconds(20);
            try
            {
                await Poll.UntilAsync(
                    () => Task.FromResult(httpLog.FirstSuccessStartedAfter(dead) is not null && directLog.FirstSuccessStartedAfter(dead) is not null),
                    resumeTimeout,
                    TimeSpan.FromMilliseconds(20),
                    () => $"both clients to write again after the kill of {victim}; {httpLog.Describe()}; {directLog.Describe()}",
                    cancellationToken);
            }
            catch (TimeoutException e)
            {
                notes.Add($"node-timeout {nodeTimeout.TotalSeconds:0} s: {e.Message}");
            }

            return new FailoverSample(
                recoverySeconds,
                httpLog.FirstSuccessStartedAfter(dead) is { } http ? Poll.Seconds(killed, http) : null,
                directLog.FirstSuccessStartedAfter(dead) is { } direct ? Poll.Seconds(killed, direct) : null);
        }
        finally
        {
            await stopWriters.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        }
    }

    // The recovery moment is the start of the first check round that found it: the condition held by then at the latest.
    private static async Task<long> WaitRecoveredAsync(IReadOnlyList<BenchNode> live, TimeSpan nodeTimeout, BenchNode victim, CancellationToken cancellationToken)
    {
        var seen = "no check yet";
        var round = 0L;
        await Poll.UntilAsync(
            async () =>
            {
                round = Stopwatch.GetTimestamp();
                (var ok, seen) = await ClusterCheck.RecoveredAsync(live);
                return ok;
            },
            nodeTimeout * 4 + TimeSpan.FromSeconds(20),
            RecoveryInterval,
            () => $"the cluster to recover from the kill of {victim} (every slot on a live master, cluster_state:ok on every live node); last seen: {seen}",
            cancellationToken);
        return round;
    }

    private static async Task<(BenchNode Victim, string HttpKey, string DirectKey)> ChooseVictimAsync(NodeGroup group)
    {
        await using var connection = await group.Nodes[0].ConnectAsync(TimeSpan.FromSeconds(2));
        var view = ClusterNodeLine.ParseAll((await connection.ExecuteAsync("CLUSTER", "NODES")).AsText("CLUSTER NODES"));
        var master = view.Where(l => l.IsMaster).OrderBy(l => l.Address, StringComparer.Ordinal).First();
        var victim = group.Nodes.First(n => n.Endpoint == master.Address);
        return (
            victim,
            await KeyOnAsync(connection, master, "failover-http-"),
            await KeyOnAsync(connection, master, "failover-direct-"));
    }

    private static async Task<string> KeyOnAsync(RespConnection connection, ClusterNodeLine master, string prefix)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var key = prefix + i.ToString(CultureInfo.InvariantCulture);
            var slot = (await connection.ExecuteAsync("CLUSTER", "KEYSLOT", key)).Integer;
            if (master.Slots.Any(s => slot >= s.First && slot <= s.Last))
            {
                return key;
            }
        }

        throw new InvalidOperationException($"No key with prefix {prefix} hashes to {master.Address}'s slots.");
    }
}
