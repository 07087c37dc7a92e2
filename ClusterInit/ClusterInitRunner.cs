using RedisAspire.Cluster;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedisAspire.ClusterInit.Formation;
using RedisAspire.Cluster.Inspection;
using RedisAspire.ClusterInit.Options;
using RedisAspire.ClusterInit.Planning;
using RedisAspire.Cluster.Readiness;
using RedisAspire.ClusterInit.Recovery;
using RedisAspire.ClusterInit.Repair;
using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;
using RedisAspire.ClusterInit.Waiting;

namespace RedisAspire.ClusterInit;

/// <summary>
/// One run of ClusterInit: wait for the nodes, inspect them, then form a new cluster over empty
/// nodes or verify an existing one. Anything else stops with a diagnostic and changes nothing.
/// When nodes are down it reports every shard and, only when a person asked for it (Cluster:Takeover),
/// promotes a surviving replica of a lost shard.
/// Exit codes: 0 Ready (after a requested takeover: every slot served again, the nodes that are down
/// excepted), 1 not Ready (diagnostic logged), 2 invalid configuration.
/// </summary>
public sealed class ClusterInitRunner(IOptions<ClusterOptions> options, ClusterFormer former, ILogger<ClusterInitRunner> logger)
{
    private const int MaxAttemptsPerAction = 3;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

    private readonly ClusterOptions _options = options.Value;

    // Setting node-timeout back takes a CONFIG SET and a CONFIG GET per node, each bounded by Cluster:CommandTimeout.
    private TimeSpan RestoreTimeout => _options.CommandTimeout * 2;

    /// <summary>
    /// Reconciles at <see cref="ClusterOptions.WatchInterval"/> until stopped (for deployments that
    /// keep ClusterInit running); a failed round is logged and the next round tries again.
    /// </summary>
    public async Task<int> WatchAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(_options.Takeover))
        {
            Log.Failed(logger, $"Cluster:Takeover is '{_options.Takeover}', but a takeover is for one run a person starts, never for --watch: "
                + "an automatic takeover can leave two masters for the same slots when the old master comes back. Run ClusterInit once with it, without --watch.");
            return 2;
        }

        Log.Watching(logger, _options.WatchInterval);
        var last = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            last = await RunAsync(cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }

            if (last == 2)
            {
                return last;
            }

            try
            {
                await Task.Delay(_options.WatchInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return last;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var errors = ClusterOptionsValidator.Validate(_options);
        if (errors.Count > 0)
        {
            Log.Failed(logger, "Invalid configuration:\n  " + string.Join("\n  ", errors));
            return 2;
        }

        var tls = _options.Tls ? TlsClientSettings.FromCaFile(_options.TlsCaFile) : null;
        var nodes = _options.Nodes.Select((n, i) =>
        {
            var endpoint = NodeEndpoint.Parse(n.Endpoint);
            var name = ClusterOptionsValidator.DisplayName(n, i);
            var connection = new RedisAdminConnection(name, endpoint, _options.User, _options.Password, _options.CommandTimeout, tls);
            return new ManagedNode(i, name, endpoint, n.BusPort ?? endpoint.Port + 10000, n.FailureDomain, connection);
        }).ToList();
        try
        {
            await EnsureReadyAsync(nodes, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception exception) when (exception is ClusterException or PollTimeoutException)
        {
            Log.Failed(logger, exception.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Stopped(logger);
            return 1;
        }
        catch (Exception exception) when (exception is RedisServerException or RespProtocolException || Poller.IsTransient(exception))
        {
            Log.Failed(logger, exception.Message);
            return 1;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task EnsureReadyAsync(IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var run = ClusterInitTelemetry.ActivitySource.StartActivity("cluster-init");

        // The plan depends on the configuration only: computing it while the nodes are probed keeps its cost (mostly
        // compiling the planner on first use) out of a formation's time.
        var planning = Task.Run(() => RolePlanner.Plan(nodes.Select(n => n.FailureDomain).ToList(), _options.Masters, _options.ReplicasPerMaster), cancellationToken);
        IReadOnlyList<UnreachableNode> unreachable;
        using (ClusterInitTelemetry.ActivitySource.StartActivity("wait"))
        {
            Log.WaitingForNodes(logger, nodes.Count);
            unreachable = await NodeWaiter.WaitForAllAsync(nodes, _options.NodesTimeout, _options.PollInterval, logger, JudgeWithoutAsync, cancellationToken)
                .ConfigureAwait(false);
        }

        var reachable = nodes.Where(n => unreachable.All(u => u.Node != n)).ToList();
        NodeSnapshot[] snapshots;
        using (ClusterInitTelemetry.ActivitySource.StartActivity("inspect"))
        {
            foreach (var node in reachable)
            {
                node.ResolvedEndpoint = await EndpointResolver.ResolveAsync(node.Endpoint, cancellationToken).ConfigureAwait(false);
            }

            snapshots = await NodeInspector.InspectAllAsync(reachable, cancellationToken).ConfigureAwait(false);
            foreach (var snapshot in snapshots)
            {
                Log.NodeState(logger, snapshot.Describe());
            }
        }

        if (unreachable.Count > 0)
        {
            using (ClusterInitTelemetry.ActivitySource.StartActivity("shards without the nodes that are down"))
            {
                await new ShardRecovery(_options, logger).RecoverOrExplainAsync(nodes, unreachable, snapshots, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (!string.IsNullOrWhiteSpace(_options.Takeover))
        {
            Log.TakeoverNotNeeded(logger, _options.Takeover.Trim());
        }

        if (snapshots.All(s => s.IsEmptyAndAlone))
        {
            snapshots = await FormAsync(nodes, await planning.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Log.Reconciling(logger);
            snapshots = await VerifyAsync(nodes, cancellationToken).ConfigureAwait(false);
        }

        Log.Ready(logger, stopwatch.ElapsedMilliseconds, ClusterReport.Render(snapshots));
    }

    /// <summary>
    /// Forms a new cluster and waits until it is Ready with every node's node-timeout lowered; sets each node's
    /// node-timeout back once Ready, and also when formation fails or is stopped (logged, the first error is kept).
    /// </summary>
    private async Task<NodeSnapshot[]> FormAsync(IReadOnlyList<ManagedNode> nodes, ClusterPlan plan, CancellationToken cancellationToken)
    {
        LogPlan(nodes, plan);
        var nodeTimeout = new FormationNodeTimeout(logger);
        NodeSnapshot[] snapshots;
        try
        {
            await former.FormAsync(nodes, plan, nodeTimeout, cancellationToken).ConfigureAwait(false);
            snapshots = await VerifyAsync(nodes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            try
            {
                await nodeTimeout.RestoreAsync(RestoreTimeout).ConfigureAwait(false);
            }
            catch (ClusterException restoreFailure)
            {
                Log.Failed(logger, restoreFailure.Message);
            }

            throw;
        }

        using (ClusterInitTelemetry.ActivitySource.StartActivity("restore node-timeout"))
        {
            await nodeTimeout.RestoreAsync(RestoreTimeout).ConfigureAwait(false);
        }

        return snapshots;
    }

    private async Task<NodeSnapshot[]> VerifyAsync(IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        using (ClusterInitTelemetry.ActivitySource.StartActivity("verify"))
        {
            return await ReconcileAsync(nodes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Repairs phase by phase until nothing is left to do, then waits until Ready. A healthy
    /// cluster gets no write at all; a blocker stops everything before anything is changed.
    /// </summary>
    private async Task<NodeSnapshot[]> ReconcileAsync(IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastSeen = "nothing yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            NodeSnapshot[] snapshots;
            try
            {
                snapshots = await NodeInspector.InspectAllAsync(nodes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (Poller.IsTransient(exception))
            {
                lastSeen = exception.Message;
                Log.NotReadyYet(logger, deadline.ElapsedMilliseconds, lastSeen);
                await WaitOrTimeOutAsync(deadline, lastSeen, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var plan = RepairPlanner.Plan(snapshots, _options.ReplicasPerMaster);
            if (plan.Blockers.Count > 0)
            {
                throw new ClusterException(
                    "ClusterInit cannot repair the cluster safely and changed nothing in this step:\n  " + string.Join("\n  ", plan.Blockers));
            }

            if (plan.Actions.Count > 0)
            {
                foreach (var action in plan.Actions.Select(a => a.ToString()))
                {
                    attempts[action] = attempts.GetValueOrDefault(action) + 1;
                    if (attempts[action] > MaxAttemptsPerAction)
                    {
                        throw new ClusterException($"A repair did not take effect after {MaxAttemptsPerAction} attempts: {action}. Last seen: {lastSeen}");
                    }
                }

                using (ClusterInitTelemetry.ActivitySource.StartActivity("repair " + plan.Phase))
                {
                    await RepairExecutor.ExecuteAsync(plan, logger, cancellationToken).ConfigureAwait(false);
                }

                lastSeen = $"repair phase '{plan.Phase}' sent {plan.Actions.Count} command(s)";
                await WaitForEffectAsync(nodes, plan, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var problems = ReadinessEvaluator.Evaluate(snapshots, _options.Masters, _options.ReplicasPerMaster);
            if (problems.Count == 0)
            {
                return snapshots;
            }

            var seen = string.Join("; ", problems);
            if (seen != lastSeen)
            {
                Log.NotReadyYet(logger, deadline.ElapsedMilliseconds, seen);
            }

            lastSeen = seen;
            await WaitOrTimeOutAsync(deadline, lastSeen, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Gives sent commands time to act (a MEET needs a bus round trip) before planning again, so
    /// the same command is not sent twice; bounded, as the next round re-plans anyway.
    /// </summary>
    private async Task WaitForEffectAsync(IReadOnlyList<ManagedNode> nodes, RepairPlan executed, CancellationToken cancellationToken)
    {
        var sent = executed.Actions.Select(a => a.ToString()).ToHashSet(StringComparer.Ordinal);
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < SettleTimeout)
        {
            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
            try
            {
                var snapshots = await NodeInspector.InspectAllAsync(nodes, cancellationToken).ConfigureAwait(false);
                var next = RepairPlanner.Plan(snapshots, _options.ReplicasPerMaster);
                if (!next.Actions.Any(a => sent.Contains(a.ToString())))
                {
                    return;
                }
            }
            catch (Exception exception) when (Poller.IsTransient(exception))
            {
                // The next round reports it.
            }
        }
    }

    private async Task WaitOrTimeOutAsync(Stopwatch elapsed, string lastSeen, CancellationToken cancellationToken)
    {
        if (elapsed.Elapsed >= _options.ReadyTimeout)
        {
            throw new PollTimeoutException(
                $"Timed out after {_options.ReadyTimeout.TotalSeconds:0.#} s waiting for the cluster to be Ready (all slots covered, every node agreeing, "
                + $"cluster_state:ok, replicas in sync) (Cluster:ReadyTimeout). Last seen: {lastSeen}");
        }

        await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the wait for the nodes that do not answer once the nodes that do show they are down.</summary>
    private async Task<bool> JudgeWithoutAsync(IReadOnlyList<ManagedNode> answered, IReadOnlyList<ManagedNode> missing, CancellationToken cancellationToken)
    {
        if (!await DownNodeCheck.AllDownAsync(answered, missing, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Log.JudgingWithout(logger, string.Join(", ", missing.Select(n => n.Display)), missing.Count == 1 ? "does" : "do");
        return true;
    }

    private void LogPlan(IReadOnlyList<ManagedNode> nodes, ClusterPlan plan)
    {
        using var activity = ClusterInitTelemetry.ActivitySource.StartActivity("plan");
        Log.Forming(logger, nodes.Count, _options.Masters, _options.ReplicasPerMaster);
        foreach (var planned in plan.Nodes)
        {
            var node = nodes[planned.Index];
            var domain = node.FailureDomain is null ? "" : $" in failure domain '{node.FailureDomain}'";
            Log.PlanAction(logger, planned.IsMaster
                ? $"{node.Display}{domain}: master of slots {SlotRange.Format(planned.Slots)}, config epoch {node.Index + 1}"
                : $"{node.Display}{domain}: replica of {nodes[planned.MasterIndex!.Value].Display}, config epoch {node.Index + 1}");
        }

        foreach (var warning in plan.Warnings)
        {
            Log.PlanWarning(logger, warning);
        }

        Log.PlanAction(logger, $"CLUSTER MEET between every pair of the {nodes.Count} nodes, then CLUSTER REPLICATE on each replica");
        if (_options.FormationNodeTimeout > TimeSpan.Zero)
        {
            Log.PlanAction(logger, $"cluster-node-timeout {_options.FormationNodeTimeout.TotalMilliseconds:0} ms on every node from the handshakes until Ready, then each node's own value again");
        }
    }
}
