using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Planning;

/// <summary>Splits the 16384 hash slots into contiguous, even ranges (the split redis-cli makes).</summary>
public static class SlotAllocator
{
    public static IReadOnlyList<SlotRange> Split(int masters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(masters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(masters, SlotRange.SlotCount);
        var perMaster = (double)SlotRange.SlotCount / masters;
        var ranges = new List<SlotRange>(masters);
        var first = 0;
        var cursor = 0.0;
        for (var i = 0; i < masters; i++)
        {
            var last = (int)Math.Round(cursor + perMaster - 1, MidpointRounding.AwayFromZero);
            if (last > SlotRange.SlotCount - 1 || i == masters - 1)
            {
                last = SlotRange.SlotCount - 1;
            }

            ranges.Add(new SlotRange(first, last));
            first = last + 1;
            cursor += perMaster;
        }

        return ranges;
    }
}
