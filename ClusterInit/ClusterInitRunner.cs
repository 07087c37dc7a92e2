using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedisAspire.ClusterInit.Formation;
using RedisAspire.ClusterInit.Inspection;
using RedisAspire.ClusterInit.Options;
using RedisAspire.ClusterInit.Planning;
using RedisAspire.ClusterInit.Readiness;
using RedisAspire.ClusterInit.Resp;
using RedisAspire.ClusterInit.Topology;
using RedisAspire.ClusterInit.Waiting;

namespace RedisAspire.ClusterInit;

/// <summary>
/// One run of ClusterInit: wait for the nodes, inspect them, then form a new cluster over empty
/// nodes or verify an existing one. Anything else stops with a diagnostic and changes nothing.
/// Exit codes: 0 Ready, 1 not Ready (diagnostic logged), 2 invalid configuration.
/// </summary>
public sealed class ClusterInitRunner(IOptions<ClusterOptions> options, ClusterFormer former, ILogger<ClusterInitRunner> logger)
{
    private readonly ClusterOptions _options = options.Value;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var errors = ClusterOptionsValidator.Validate(_options);
        if (errors.Count > 0)
        {
            Log.Failed(logger, "Invalid configuration:\n  " + string.Join("\n  ", errors));
            return 2;
        }

        var nodes = _options.Nodes.Select((n, i) =>
        {
            var endpoint = NodeEndpoint.Parse(n.Endpoint);
            var name = ClusterOptionsValidator.DisplayName(n, i);
            var connection = new RedisAdminConnection(name, endpoint, _options.Password, _options.CommandTimeout);
            return new ManagedNode(i, name, endpoint, n.BusPort ?? endpoint.Port + 10000, n.FailureDomain, connection);
        }).ToList();
        try
        {
            await EnsureReadyAsync(nodes, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (ClusterInitException exception)
        {
            Log.Failed(logger, exception.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, "ClusterInit was stopped before the cluster was Ready; run it again to finish.");
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
        using (ClusterInitTelemetry.ActivitySource.StartActivity("wait"))
        {
            Log.WaitingForNodes(logger, nodes.Count);
            await NodeWaiter.WaitForAllAsync(nodes, _options.NodesTimeout, _options.PollInterval, logger, cancellationToken).ConfigureAwait(false);
            foreach (var node in nodes)
            {
                node.ResolvedEndpoint = await EndpointResolver.ResolveAsync(node.Endpoint, cancellationToken).ConfigureAwait(false);
            }
        }

        NodeSnapshot[] snapshots;
        using (ClusterInitTelemetry.ActivitySource.StartActivity("inspect"))
        {
            snapshots = await NodeInspector.InspectAllAsync(nodes, cancellationToken).ConfigureAwait(false);
            foreach (var snapshot in snapshots)
            {
                Log.NodeState(logger, snapshot.Describe());
            }
        }

        if (snapshots.All(s => s.IsEmptyAndAlone))
        {
            var plan = PlanFormation(nodes);
            await former.FormAsync(nodes, plan, cancellationToken).ConfigureAwait(false);
        }
        else if (IsOneClusterOfTheseNodes(snapshots))
        {
            Log.Verifying(logger);
        }
        else
        {
            throw new ClusterInitException(Diagnose(snapshots));
        }

        using (ClusterInitTelemetry.ActivitySource.StartActivity("verify"))
        {
            snapshots = await WaitUntilReadyAsync(nodes, cancellationToken).ConfigureAwait(false);
        }

        Log.Ready(logger, stopwatch.ElapsedMilliseconds, ClusterReport.Render(snapshots));
    }

    private ClusterPlan PlanFormation(IReadOnlyList<ManagedNode> nodes)
    {
        using var activity = ClusterInitTelemetry.ActivitySource.StartActivity("plan");
        Log.Forming(logger, nodes.Count, _options.Masters, _options.ReplicasPerMaster);
        var plan = RolePlanner.Plan(nodes.Select(n => n.FailureDomain).ToList(), _options.Masters, _options.ReplicasPerMaster);
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
        return plan;
    }

    private async Task<NodeSnapshot[]> WaitUntilReadyAsync(IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        NodeSnapshot[] last = [];
        await Poller.UntilAsync(
            "the cluster to be Ready (all slots covered, every node agreeing, cluster_state:ok, replicas in sync) (Cluster:ReadyTimeout)",
            _options.ReadyTimeout,
            _options.PollInterval,
            async ct =>
            {
                last = await NodeInspector.InspectAllAsync(nodes, ct).ConfigureAwait(false);
                var problems = ReadinessEvaluator.Evaluate(last, _options.Masters, _options.ReplicasPerMaster);
                return problems.Count == 0 ? null : string.Join("; ", problems);
            },
            cancellationToken).ConfigureAwait(false);
        return last;
    }

    /// <summary>Every node knows exactly the configured nodes (by ID): a formed cluster, perhaps still settling after a restart.</summary>
    private static bool IsOneClusterOfTheseNodes(NodeSnapshot[] snapshots)
    {
        if (snapshots.Any(s => !s.ClusterEnabled || s.Id is null))
        {
            return false;
        }

        var ids = snapshots.Select(s => s.Id!).ToHashSet(StringComparer.Ordinal);
        return ids.Count == snapshots.Length
            && snapshots.All(s => s.View.Count == ids.Count && s.View.All(e => ids.Contains(e.Id)));
    }

    private static string Diagnose(NodeSnapshot[] snapshots)
    {
        var lines = new List<string>
        {
            "The nodes are neither all empty nor one cluster of exactly the configured nodes, so ClusterInit changed nothing "
            + "(it forms a cluster only over empty nodes, so no data can be lost). Node states:",
        };
        lines.AddRange(snapshots.Select(s => "  " + s.Describe()));
        foreach (var s in snapshots.Where(s => !s.ClusterEnabled))
        {
            lines.Add($"  Fix: {s.Node.Name} runs without cluster mode; add 'cluster-enabled yes' to its configuration and restart it.");
        }

        foreach (var s in snapshots.Where(s => s.ClusterEnabled && s.KeyCount > 0))
        {
            lines.Add($"  {s.Node.Name} holds {s.KeyCount} key(s). Inspect them with 'redis-cli -h {s.Node.Endpoint.Host} -p {s.Node.Endpoint.Port} --scan'; "
                + "move them into the cluster once it is formed, or, only if they are not needed, a person may empty that node with FLUSHALL and CLUSTER RESET.");
        }

        foreach (var s in snapshots.Where(s => s.ClusterEnabled && s.KeyCount == 0 && !s.IsEmptyAndAlone))
        {
            lines.Add($"  {s.Node.Name} already belongs to a cluster ({s.View.Count} known node(s)); check it with "
                + $"'redis-cli --cluster check {s.Node.Endpoint}' before deciding what to do.");
        }

        return string.Join('\n', lines);
    }
}
