using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RedisAspire.Bench.Aspire;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// One AppHost run of the supervised-failover suite: the built product AppHost with a fresh state folder, free ports,
/// <c>--Cluster:NodeTimeout=00:00:05</c> and <c>--Cluster:SupervisedFailover=true|false</c>; once <c>cache</c> and
/// sample-api are Healthy, the benchmark's own RESP client writes to the slots of the master of slot 0 (SET, then
/// WAIT 1), that master's <c>redis-server</c> (found by its port in /proc) is killed with SIGKILL, and the run measures
/// when another master sees a new master for those slots, when writes are acknowledged again, and when the AppHost
/// logged the exit and the promotion; then every write acknowledged by WAIT 1 is read back, and the AppHost stopped.
/// </summary>
public static partial class SupervisedFailoverRun
{
    public const string SupervisedLine = "supervised failover: ";
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(5);

    private const int Nodes = 6;
    private const int Tags = 4;
    /// <summary>How many writes WAIT 1 acknowledged before the kill.</summary>
    public const int ReplicatedBeforeKill = 50;
    private const string AdminUser = "admin";
    private const string ApplicationUser = "default";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RecoveryInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan RecoveryTimeout = NodeTimeout * 4 + TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WritingAfterRecovery = TimeSpan.FromMilliseconds(500);

    public static async Task<SupervisedFailoverSample> RunAsync(bool supervised, CancellationToken cancellationToken)
    {
        var mode = supervised ? "supervised" : "redis";
        var root = NodeGroup.CreateRoot($"failover-{mode}");
        var state = Path.Combine(root, "state");
        AspireAppHost apphost;
        int basePort, sampleApiPort;
        try
        {
            basePort = FreePorts.AllocateBlock(Nodes);
            sampleApiPort = FreePorts.AllocateService();
            var executable = Tools.AppHostExecutable;
            apphost = AspireAppHost.Start(
                $"apphost-{mode}",
                executable,
                [
                    string.Create(CultureInfo.InvariantCulture, $"--Cluster:BasePort={basePort}"),
                    $"--AppHost:StateDirectory={state}",
                    string.Create(CultureInfo.InvariantCulture, $"--SampleApi:Port={sampleApiPort}"),
                    "--Cluster:NodeTimeout=00:00:05",
                    $"--Cluster:SupervisedFailover={(supervised ? "true" : "false")}",
                ],
                Path.GetDirectoryName(executable)!,
                root,
                [.. Enumerable.Range(basePort, Nodes)],
                [ColdStart.CacheReadyLine, SupervisedLine]);
        }
        catch
        {
            NodeGroup.DeleteRoot(root);
            throw;
        }

        await using (apphost)
        {
            SupervisedFailoverSample sample;
            using (var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // The run's processes are recorded as they come, so the clean-up after a failure finds every one.
                var follow = apphost.FollowAsync(LookInterval, measureMemory: false, following.Token);
                try
                {
                    sample = await MeasureAsync(apphost, supervised, state, basePort, sampleApiPort, cancellationToken);
                }
                finally
                {
                    await following.CancelAsync();
                    await follow;
                }
            }

            await apphost.StopAsync(cancellationToken);
            return sample;
        }
    }

    private static async Task<SupervisedFailoverSample> MeasureAsync(
        AspireAppHost apphost, bool supervised, string state, int basePort, int sampleApiPort, CancellationToken cancellationToken)
    {
        await ColdStart.WaitCacheHealthyAsync(apphost, state, basePort, cancellationToken);
        await HttpHealth.WaitHealthyAsync(apphost.Process, sampleApiPort, StartTimeout, TimeSpan.FromMilliseconds(50), cancellationToken);
        var adminPassword = await StateFolderPassword.ReadAsync(state, AdminUser, cancellationToken);
        var applicationPassword = await StateFolderPassword.ReadAsync(state, ApplicationUser, cancellationToken);
        var nodes = Enumerable.Range(0, Nodes)
            .Select(i => new BenchNode(string.Create(CultureInfo.InvariantCulture, $"cache-{i}"), basePort + i, state, adminPassword, AdminUser))
            .ToList();

        // The victim: the master of slot 0; the viewer: another master, whose view changes only when the cluster's does.
        IReadOnlyList<ClusterNodeLine> view;
        await using (var first = await nodes[0].ConnectAsync(CommandTimeout, cancellationToken))
        {
            view = ClusterNodeLine.ParseAll((await first.ExecuteAsync("CLUSTER", "NODES")).AsText("CLUSTER NODES"));
        }

        var master = view.FirstOrDefault(l => l.IsMaster && l.Slots.Any(s => s.First == 0))
            ?? throw new InvalidOperationException($"No master serves slot 0 in {nodes[0]}'s CLUSTER NODES:\n{string.Join('\n', view.Select(l => $"{l.Id} {l.Address} {string.Join(',', l.Flags)}"))}");
        var victim = NodeAt(nodes, master.Address);
        var viewer = NodeAt(nodes, view.Where(l => l.IsMaster && l.Id != master.Id).OrderBy(l => l.Address, StringComparer.Ordinal).First().Address);
        var replicas = view.Where(l => l.IsReplica && l.MasterId == master.Id).Select(l => NodeAt(nodes, l.Address).Name).ToList();
        var tags = Enumerable.Range(0, 100_000)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"t{i}"))
            .Where(t => master.Slots.Any(s => KeySlot.Of($"{{{t}}}") is var slot && s.First <= slot && slot <= s.Last))
            .Take(Tags)
            .ToList();
        var (pid, startTicks, parent) = await FindProcessAsync(victim, cancellationToken);

        var exitText = $"{victim.Name} ({victim.Endpoint}) exited with code";
        var promotingText = $"{SupervisedLine}{victim.Name} exited while it served slots";
        var servesText = $"serves {victim.Name}'s slots";
        foreach (var text in new[] { exitText, promotingText, servesText })
        {
            apphost.Process.Mark(text);
        }

        await using var client = new ClusterKeyClient([.. nodes.Select(n => n.Endpoint)], applicationPassword, ClientTimeout);
        var prefix = "sf" + Guid.NewGuid().ToString("N")[..8];
        var writer = AcknowledgedWriter.Start(client, tags, prefix);
        await using (writer)
        {
            await Poll.UntilAsync(
                () => Task.FromResult(writer.Replicated >= ReplicatedBeforeKill),
                TimeSpan.FromSeconds(30),
                TimeSpan.FromMilliseconds(20),
                () => $"{ReplicatedBeforeKill} writes to {victim}'s slots acknowledged by WAIT 1 before the kill; {writer.Describe()}",
                cancellationToken);

            apphost.ThrowIfExited();
            var watch = ProcessExitWatch.Start(pid, startTicks, ExitTimeout);
            var killed = Stopwatch.GetTimestamp();
            if (NativeMethods.Kill(pid, NativeMethods.SigKill) != 0)
            {
                throw new InvalidOperationException($"kill -9 {pid} ({victim}) failed.");
            }

            var dead = await watch.Exited;
            var (recovered, newMaster) = await WaitNewMasterAsync(viewer, master, nodes, cancellationToken);
            var firstAcknowledged = await WaitFirstAcknowledgedAsync(writer, dead, victim, cancellationToken);
            var lastBefore = writer.LastAcknowledgedBefore(dead)
                ?? throw new InvalidOperationException($"No write was acknowledged before {victim} died; {writer.Describe()}");
            var reaped = await watch.Reaped;
            var exitLine = await apphost.Process.WaitForMarkAsync(exitText, LineTimeout, cancellationToken);
            long? promotingLine = null, servesLine = null;
            double? reported = null;
            if (supervised)
            {
                promotingLine = await apphost.Process.WaitForMarkAsync(promotingText, LineTimeout, cancellationToken);
                servesLine = await WaitPromotedAsync(apphost, servesText, promotingText, cancellationToken);
                var line = apphost.Process.MarkedLine(servesText)!;
                reported = PromotionMilliseconds().Match(line) is { Success: true } match
                    ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                    : throw new InvalidOperationException($"The supervisor's line does not say how long the promotion took: {line}");
            }

            await Task.Delay(WritingAfterRecovery, cancellationToken);
            await writer.StopAsync();
            if (!supervised && apphost.Process.MarkedLine(SupervisedLine) is { } unexpected)
            {
                throw new InvalidOperationException($"--Cluster:SupervisedFailover=false, yet the AppHost logged: {unexpected}");
            }

            var readBack = await ReadBackAsync(client, writer.Attempts, victim);
            var summary = string.Create(
                CultureInfo.InvariantCulture,
                $"{(supervised ? "supervised" : "Redis' own")}: killed {victim} (pid {pid}, child of {parent}; replica {string.Join(", ", replicas)}), {newMaster} took over; {readBack}");
            return new SupervisedFailoverSample(
                supervised,
                Poll.Seconds(killed, dead),
                Poll.Seconds(killed, reaped),
                Poll.Seconds(killed, exitLine),
                promotingLine is { } promoting ? Poll.Seconds(killed, promoting) : null,
                servesLine is { } serves ? Poll.Seconds(killed, serves) : null,
                reported,
                Poll.Seconds(killed, recovered),
                Poll.Seconds(killed, firstAcknowledged),
                Poll.Seconds(lastBefore, firstAcknowledged),
                summary);
        }
    }

    private static BenchNode NodeAt(IReadOnlyList<BenchNode> nodes, string address) =>
        nodes.FirstOrDefault(n => n.Endpoint == address)
        ?? throw new InvalidOperationException($"CLUSTER NODES names {address}, which is none of the run's nodes ({string.Join(", ", nodes.Select(n => n.Endpoint))}).");

    // The pid listening on the node's port, confirmed by the node itself (INFO server's process_id).
    private static async Task<(int Pid, long StartTicks, string Parent)> FindProcessAsync(BenchNode node, CancellationToken cancellationToken)
    {
        var (pid, seen) = ListeningProcess.Find(node.Port);
        if (pid is not { } found)
        {
            throw new InvalidOperationException($"No process found listening on {node}'s port: {seen}");
        }

        await using (var connection = await node.ConnectAsync(CommandTimeout, cancellationToken))
        {
            var info = (await connection.ExecuteAsync("INFO", "server")).AsText("INFO server");
            var reported = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("process_id:", StringComparison.Ordinal));
            if (reported != string.Create(CultureInfo.InvariantCulture, $"process_id:{found}"))
            {
                throw new InvalidOperationException($"/proc says pid {found} listens on {node}'s port, the node says {reported ?? "no process_id"}.");
            }
        }

        var entry = ProcessTable.Entry(found) ?? throw new InvalidOperationException($"pid {found} ({node}) is gone before the kill.");
        var parentArguments = ProcessMemory.Arguments(entry.ParentId);
        var parent = parentArguments.Count == 0
            ? $"pid {entry.ParentId}"
            : $"{string.Join(' ', parentArguments.Take(2).Select(a => Path.GetFileName(a)))} (pid {entry.ParentId})";
        return (found, entry.StartTicks, parent);
    }

    // Polls the viewer's CLUSTER NODES every 20 ms until a live master other than the dead one holds all its slots; the
    // moment is the start of the round that saw it.
    private static async Task<(long At, string NewMaster)> WaitNewMasterAsync(
        BenchNode viewer, ClusterNodeLine dead, IReadOnlyList<BenchNode> nodes, CancellationToken cancellationToken)
    {
        RespConnection? connection = null;
        var seen = "no look yet";
        long round = 0;
        string? newMaster = null;
        try
        {
            await Poll.UntilAsync(
                async () =>
                {
                    round = Stopwatch.GetTimestamp();
                    try
                    {
                        connection ??= await viewer.ConnectAsync(CommandTimeout, cancellationToken);
                        var view = ClusterNodeLine.ParseAll((await connection.ExecuteAsync("CLUSTER", "NODES")).AsText("CLUSTER NODES"));
                        var owner = view.FirstOrDefault(l => l.IsMaster && !l.IsUnhealthy && l.Id != dead.Id
                            && dead.Slots.All(r => l.Slots.Any(s => s.First <= r.First && r.Last <= s.Last)));
                        var old = view.FirstOrDefault(l => l.Id == dead.Id);
                        seen = owner is null
                            ? $"{dead.Address} still listed as {(old is null ? "unknown" : string.Join(',', old.Flags))} with {old?.Slots.Count ?? 0} slot range(s)"
                            : $"{owner.Address} serves them";
                        newMaster = owner is null ? null : NodeAt(nodes, owner.Address).ToString();
                        return owner is not null;
                    }
                    catch (Exception e) when (ClusterKeyClient.IsConnectionFailure(e) || e is InvalidOperationException or FormatException)
                    {
                        seen = e.Message;
                        if (connection is not null)
                        {
                            await connection.DisposeAsync();
                            connection = null;
                        }

                        return false;
                    }
                },
                RecoveryTimeout,
                RecoveryInterval,
                () => $"{viewer}'s CLUSTER NODES to show a new master for {dead.Address}'s slots; last seen: {seen}",
                cancellationToken);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return (round, newMaster!);
    }

    private static async Task<long> WaitFirstAcknowledgedAsync(AcknowledgedWriter writer, long dead, BenchNode victim, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(
            () => Task.FromResult(writer.FirstAcknowledgedStartedAfter(dead) is not null),
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(10),
            () => $"a write to {victim}'s former slots to be acknowledged after its kill; {writer.Describe()}",
            cancellationToken);
        return writer.FirstAcknowledgedStartedAfter(dead)!.AcknowledgedAt!.Value;
    }

    // The supervisor's "… serves …" line; any other line of it (it did not promote) fails at once.
    private static async Task<long> WaitPromotedAsync(AspireAppHost apphost, string servesText, string promotingText, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(
            () =>
            {
                var other = apphost.Process.Lines.FirstOrDefault(l =>
                    l.Contains(SupervisedLine, StringComparison.Ordinal) && !l.Contains(servesText, StringComparison.Ordinal) && !l.Contains(promotingText, StringComparison.Ordinal));
                return other is not null
                    ? throw new InvalidOperationException($"The supervisor did not promote: {other}")
                    : Task.FromResult(apphost.Process.MarkedAt(servesText) is not null);
            },
            LineTimeout,
            TimeSpan.FromMilliseconds(10),
            () => $"the AppHost to log '{servesText}'; last output:\n{apphost.Process.Tail()}",
            cancellationToken);
        return apphost.Process.MarkedAt(servesText)!.Value;
    }

    // Every write acknowledged by WAIT 1 must read back with its value; the others are counted.
    private static async Task<string> ReadBackAsync(ClusterKeyClient client, IReadOnlyList<AcknowledgedWrite> attempts, BenchNode victim)
    {
        var lost = new List<string>();
        var unreplicatedLost = 0;
        var acknowledged = attempts.Where(a => a.IsAcknowledged).ToList();
        foreach (var attempt in acknowledged)
        {
            RespReply reply;
            try
            {
                (reply, _) = await client.ExecuteAsync(attempt.Key, "GET", attempt.Key);
            }
            catch (Exception e) when (ClusterKeyClient.IsConnectionFailure(e))
            {
                throw new InvalidOperationException($"Reading back {attempt.Key} after the failover of {victim} failed: {e.Message}", e);
            }

            if (reply.IsError)
            {
                throw new InvalidOperationException($"GET {attempt.Key} after the failover of {victim} failed: {reply.Text}");
            }

            if (reply.Text == attempt.Value)
            {
                continue;
            }

            if (attempt.IsReplicated)
            {
                lost.Add(attempt.Key);
            }
            else
            {
                unreplicatedLost++;
            }
        }

        var replicated = acknowledged.Count(a => a.IsReplicated);
        if (lost.Count > 0)
        {
            throw new InvalidOperationException($"{lost.Count} of {replicated} writes acknowledged by WAIT 1 were lost in the failover of {victim}: {string.Join(", ", lost.Take(10))}");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{attempts.Count} write attempts, {acknowledged.Count} acknowledged, {replicated} of them by WAIT 1 — all {replicated} read back; acknowledged without a replica and not found: {unreplicatedLost}");
    }

    [GeneratedRegex(@"serves .* (\d+) ms after CLUSTER FAILOVER FORCE")]
    private static partial Regex PromotionMilliseconds();
}
