using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>Sends a phase's actions: each node's in order, nodes in parallel; logs every action before it is sent.</summary>
public static class RepairExecutor
{
    public static async Task ExecuteAsync(RepairPlan plan, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var action in plan.Actions)
        {
            Log.RepairAction(logger, plan.Phase, action.ToString());
        }

        await Task.WhenAll(plan.Actions.GroupBy(a => a.Node).Select(async group =>
        {
            foreach (var action in group)
            {
                try
                {
                    await action.Node.Connection.ExecuteAsync(action.Command, cancellationToken).ConfigureAwait(false);
                }
                catch (RedisServerException exception) when (IsAlreadyDone(action, exception))
                {
                    Log.RepairActionSkipped(logger, action.Node.Display, exception.ServerError);
                }
            }
        })).ConfigureAwait(false);
    }

    /// <summary>FORGET of a node this one no longer knows has nothing left to do.</summary>
    private static bool IsAlreadyDone(RepairAction action, RedisServerException exception) =>
        action.Command is ["CLUSTER", "FORGET", ..] && exception.ServerError.Contains("Unknown node", StringComparison.OrdinalIgnoreCase);
}
