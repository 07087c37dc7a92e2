using System.Globalization;
using RedisAspire.Cluster.Inspection;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>
/// Slots left migrating or importing. Closed only when no key can be lost, as
/// <c>redis-cli --cluster fix</c> decides: roll back when the importing side holds no key of the
/// slot, finish when the migrating side holds none; anything else is reported.
/// </summary>
public static class OpenSlots
{
    public static List<RepairAction> Plan(ClusterModel model) => Analyze(model).Actions;

    public static List<string> Blockers(ClusterModel model) => Analyze(model).Blockers;

    private static (List<RepairAction> Actions, List<string> Blockers) Analyze(ClusterModel model)
    {
        var actions = new List<RepairAction>();
        var blockers = new List<string>();
        foreach (var importer in model.Members.Where(m => m.Myself!.Importing.Count > 0))
        {
            foreach (var (slot, sourceId) in importer.Myself!.Importing)
            {
                var source = model.ById.GetValueOrDefault(sourceId);
                var migrating = source?.Myself?.Migrating.GetValueOrDefault(slot) == importer.Id;
                var text = slot.ToString(CultureInfo.InvariantCulture);
                if (importer.OpenSlotKeys.GetValueOrDefault(slot) == 0)
                {
                    actions.Add(Stable(importer, text, $"slot {text} is importing from {model.NameOf(sourceId)} but no key of it arrived: roll back"));
                    if (migrating)
                    {
                        actions.Add(Stable(source!, text, $"slot {text} is migrating to {importer.Node.Name}, which holds none of its keys: roll back"));
                    }
                }
                else if (migrating && source!.OpenSlotKeys.GetValueOrDefault(slot) == 0)
                {
                    var reason = $"every key of slot {text} has moved from {source.Node.Name} to {importer.Node.Name}: finish the migration";
                    actions.Add(new RepairAction(importer.Node, ["CLUSTER", "SETSLOT", text, "NODE", importer.Id!], reason));
                    actions.Add(new RepairAction(source.Node, ["CLUSTER", "SETSLOT", text, "NODE", importer.Id!], reason));
                }
                else
                {
                    blockers.Add($"Slot {text} is importing on {importer.Node.Display} from {model.NameOf(sourceId)} with keys on both sides; "
                        + $"finish it with 'redis-cli --cluster fix {importer.Node.Endpoint}' after checking the keys.");
                }
            }
        }

        foreach (var source in model.Members.Where(m => m.Myself!.Migrating.Count > 0))
        {
            foreach (var (slot, targetId) in source.Myself!.Migrating)
            {
                var target = model.ById.GetValueOrDefault(targetId);
                if (target?.Myself?.Importing.ContainsKey(slot) == true)
                {
                    continue;
                }

                // The target never imported this slot, so no key of it can have moved there.
                var text = slot.ToString(CultureInfo.InvariantCulture);
                actions.Add(Stable(source, text, $"slot {text} is migrating to {model.NameOf(targetId)}, which is not importing it: no key moved, roll back"));
            }
        }

        return (actions, blockers);
    }

    private static RepairAction Stable(NodeSnapshot node, string slot, string reason) =>
        new(node.Node, ["CLUSTER", "SETSLOT", slot, "STABLE"], reason);
}
