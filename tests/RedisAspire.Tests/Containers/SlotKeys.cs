using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;

namespace RedisAspire.Tests.Containers;

/// <summary>Keys that land in chosen slots, so a client is sent to every master, not just the one it connected to.</summary>
internal static class SlotKeys
{
    /// <summary>Keys in the first, middle and last slot of each of <paramref name="master"/>'s slot ranges.</summary>
    public static IEnumerable<string> Across(ClusterNodesLine master) =>
        master.Slots
            .SelectMany(range => new[] { range.Start, (range.Start + range.End) / 2, range.End })
            .Distinct()
            .Select(slot => $"slot-{slot}:{{{KeySlot.TagsWhere(candidate => candidate == slot, 1)[0]}}}");
}
