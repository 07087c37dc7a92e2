using System.Globalization;

namespace RedisAspire.Cluster.Topology;

/// <summary>An inclusive range of hash slots.</summary>
public readonly record struct SlotRange(int Start, int End)
{
    public const int SlotCount = 16384;

    public int Count => End - Start + 1;

    public override string ToString() => Start == End
        ? Start.ToString(CultureInfo.InvariantCulture)
        : $"{Start.ToString(CultureInfo.InvariantCulture)}-{End.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Joins sorted slots into the fewest ranges.</summary>
    public static IReadOnlyList<SlotRange> FromSlots(IEnumerable<int> slots)
    {
        var ranges = new List<SlotRange>();
        foreach (var slot in slots.Order())
        {
            if (ranges.Count > 0 && ranges[^1].End + 1 == slot)
            {
                ranges[^1] = ranges[^1] with { End = slot };
            }
            else if (ranges.Count == 0 || ranges[^1].End != slot)
            {
                ranges.Add(new SlotRange(slot, slot));
            }
        }

        return ranges;
    }

    public static string Format(IEnumerable<SlotRange> ranges)
    {
        var text = string.Join(",", ranges);
        return text.Length == 0 ? "-" : text;
    }
}
