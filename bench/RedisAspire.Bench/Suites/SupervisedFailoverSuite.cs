using System.Globalization;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// Supervised failover against Redis' own, in the same run: the product AppHost at node-timeout 5 s with
/// <c>Cluster:SupervisedFailover</c> on and off (the order alternating per run), a master killed with SIGKILL under
/// acknowledged writes. Goal: supervised write outage ≤ 0.5 s (median). Also where the supervised time goes: the
/// node's exit, its reaping by DCP, the AppHost's exit and promotion lines.
/// </summary>
public sealed class SupervisedFailoverSuite : ISuite
{
    public const double OutageGoalSeconds = 0.5;

    // Supervised first in even runs (the warm-up included), Redis' own first in odd ones.
    private static readonly bool[] SupervisedFirst = [true, false];
    private static readonly bool[] RedisFirst = [false, true];

    public string Name => "supervised-failover";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        const string redis = "Redis' own failover (SupervisedFailover=false)";
        const string supervised = "supervised (SupervisedFailover=true)";
        var redisRecovery = new Measurement($"{redis}: kill → another master's CLUSTER NODES shows a new master", "s");
        var redisOutage = new Measurement($"{redis}: write outage (last acknowledged write → first after the kill)", "s");
        var redisFirst = new Measurement($"{redis}: kill → first acknowledged write", "s");
        var redisExitLine = new Measurement($"{redis}: kill → AppHost logs the node's exit", "s");
        var recovery = new Measurement($"{supervised}: kill → another master's CLUSTER NODES shows a new master", "s");
        var outage = new Measurement($"{supervised}: write outage (last acknowledged write → first after the kill)", "s");
        var outageDifference = new Measurement("write outage: supervised − Redis' own (same run)", "s");
        var first = new Measurement($"{supervised}: kill → first acknowledged write", "s");
        var exited = new Measurement("supervised: kill → redis-server no longer running (/proc)", "s");
        var reaped = new Measurement("supervised: kill → redis-server reaped by its parent, DCP (gone from /proc)", "s");
        var exitLine = new Measurement("supervised: kill → AppHost logs the node's exit", "s");
        var promotingLine = new Measurement("supervised: kill → AppHost logs 'supervised failover: … promoting'", "s");
        var servesLine = new Measurement("supervised: kill → AppHost logs 'supervised failover: … serves …'", "s");
        var reported = new Measurement("supervised: promotion as the AppHost reports it (assess replicas, FAILOVER FORCE, confirm)", "s");
        var reapedToExitLine = new Measurement("supervised: redis-server reaped by DCP → AppHost logs its exit (DCP → Aspire → the AppHost's watch)", "s");
        var exitToRecovery = new Measurement("supervised: AppHost logs the exit → new master seen by another master", "s");
        var summaries = new List<string>();
        await Runs.RepeatAsync(Name, runs, async index =>
        {
            // The order alternates, so neither mode always runs on a machine still busy with the other's stop.
            var order = index % 2 == 0 ? SupervisedFirst : RedisFirst;
            var samples = new Dictionary<bool, SupervisedFailoverSample>();
            foreach (var mode in order)
            {
                var sample = await SupervisedFailoverRun.RunAsync(mode, cancellationToken);
                samples[mode] = sample;
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{Name}] {(mode ? "supervised" : "Redis' own")}: exited {sample.ExitedSeconds:0.000} s, reaped {sample.ReapedSeconds:0.000} s, exit line {sample.ExitLineSeconds:0.000} s, serves line {sample.ServesLineSeconds?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"} s, new master seen {sample.RecoverySeconds:0.000} s, first write {sample.FirstAcknowledgedSeconds:0.000} s, outage {sample.OutageSeconds:0.000} s; {sample.Summary}"));
            }

            if (index == 0)
            {
                return;
            }

            var (on, off) = (samples[true], samples[false]);
            redisRecovery.Add(off.RecoverySeconds);
            redisOutage.Add(off.OutageSeconds);
            redisFirst.Add(off.FirstAcknowledgedSeconds);
            redisExitLine.Add(off.ExitLineSeconds);
            recovery.Add(on.RecoverySeconds);
            outage.Add(on.OutageSeconds);
            outageDifference.Add(on.OutageSeconds - off.OutageSeconds);
            first.Add(on.FirstAcknowledgedSeconds);
            exited.Add(on.ExitedSeconds);
            reaped.Add(on.ReapedSeconds);
            exitLine.Add(on.ExitLineSeconds);
            reapedToExitLine.Add(on.ExitLineSeconds - on.ReapedSeconds);
            exitToRecovery.Add(on.RecoverySeconds - on.ExitLineSeconds);
            AddIfSeen(promotingLine, on.PromotingLineSeconds);
            AddIfSeen(servesLine, on.ServesLineSeconds);
            AddIfSeen(reported, on.ReportedPromotionMilliseconds / 1000);
            summaries.Add(string.Create(CultureInfo.InvariantCulture, $"run {index}: {on.Summary} | {off.Summary}"));
        }, cancellationToken);

        return ResultTable.Render(
            "supervised-failover: kill -9 of a master under acknowledged writes, AppHost at node-timeout 5 s, supervised vs Redis' own failover",
            [
                new TableRow(redisRecovery),
                new TableRow(redisOutage),
                new TableRow(recovery, redisRecovery),
                new TableRow(outage, redisOutage, $"≤ {OutageGoalSeconds} s", (median, _) => median <= OutageGoalSeconds),
                new TableRow(outageDifference, GoalText: "reported"),
                new TableRow(redisFirst),
                new TableRow(first, redisFirst),
                new TableRow(exited),
                new TableRow(reaped),
                new TableRow(redisExitLine),
                new TableRow(exitLine, redisExitLine),
                new TableRow(promotingLine),
                new TableRow(servesLine),
                new TableRow(reported),
                new TableRow(reapedToExitLine),
                new TableRow(exitToRecovery),
            ],
            [
                string.Create(CultureInfo.InvariantCulture, $"Each run starts the built AppHost twice, one after the other (order alternating per run): `AppHost/bin/<configuration>/net10.0/RedisAspire.AppHost --Cluster:BasePort=<free> --AppHost:StateDirectory=<fresh folder> --SampleApi:Port=<free> --Cluster:NodeTimeout=00:00:05 --Cluster:SupervisedFailover=true|false`, with the `http` launch profile's environment on free ports (as cold-start), and waits until `cache` is Healthy (its line, then Ready checked on every node as admin) and sample-api answers /health."),
                string.Create(CultureInfo.InvariantCulture, $"Writer: the benchmark's own RESP client as the application user `default` (password from the state folder's 0600 password-default), a new key every {AcknowledgedWriter.Interval.TotalMilliseconds:0} ms into 4 slots of the master of slot 0: SET on the slot's owner (following MOVED), then WAIT 1 {AcknowledgedWriter.WaitTimeout.TotalMilliseconds:0} on the same connection. Acknowledged = SET answered OK; replicated = WAIT counted a replica. After {SupervisedFailoverRun.ReplicatedBeforeKill} replicated writes that master's redis-server is killed with SIGKILL: its pid is found by its port in /proc (the LISTEN socket's inode in /proc/net/tcp, then the process holding it) and confirmed by the node's INFO server process_id."),
                "Write outage: from the last acknowledgement received before the node was dead to the acknowledgement of the first write started after (writes started before its death may still reach it). After the failover the new master has no replica (its only one was the dead node), so WAIT returns 0 there; every write acknowledged by WAIT 1 is read back after the failover (GET through the same client) and must hold its value, or the run fails.",
                "Server-side recovery: another master's (not the replica's) CLUSTER NODES shows a master that is not flagged failed, is not the dead node and holds all of its slots; polled every 20 ms on one connection as admin, the moment is the start of the poll that saw it.",
                "Where the time goes (supervised): the node's process is watched in /proc every ~1 ms after the kill (no longer running, then reaped by its parent, a dcp process); the AppHost's console lines are timed when the benchmark reads them from its stdout: the exit (`cache-i (…) exited with code …`, logged when Aspire reports the resource's exit), the supervisor's `supervised failover: cache-i exited while it served slots …; promoting …` (same moment) and `supervised failover: … serves cache-i's slots … N ms after CLUSTER FAILOVER FORCE …` (N is the 'as the AppHost reports it' row).",
                "Per run (victim, its parent process, new master, writes): " + string.Join(" || ", summaries),
            ]);
    }

    private static void AddIfSeen(Measurement measurement, double? value)
    {
        if (value is { } seen)
        {
            measurement.Add(seen);
        }
    }
}
