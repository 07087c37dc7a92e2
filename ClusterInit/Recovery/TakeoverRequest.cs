using System.Globalization;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// The shards a person asked ClusterInit to recover by promoting a surviving replica (<c>Cluster:Takeover</c>): every
/// lost shard (<c>all</c>), or the shards that own any of the listed slots. Without it ClusterInit never takes over.
/// </summary>
public sealed class TakeoverRequest
{
    public const string AllKeyword = "all";

    private TakeoverRequest(bool all, IReadOnlyList<SlotRange> slots)
    {
        All = all;
        Slots = slots;
    }

    /// <summary>Every lost shard.</summary>
    public bool All { get; }

    /// <summary>The listed slots (empty with <see cref="All"/>).</summary>
    public IReadOnlyList<SlotRange> Slots { get; }

    /// <summary>
    /// Parses <c>all</c> or comma-separated slots and slot ranges (<c>0-5460</c>, <c>0-5460,10923-16383</c>, <c>42</c>);
    /// empty or white space means no request (<paramref name="request"/> null).
    /// </summary>
    public static bool TryParse(string? text, out TakeoverRequest? request, out string error)
    {
        request = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.Trim().Equals(AllKeyword, StringComparison.OrdinalIgnoreCase))
        {
            request = new TakeoverRequest(true, []);
            return true;
        }

        var slots = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2 || !bounds.All(IsSlot))
            {
                error = $"'{part}' is not a slot (0-{SlotRange.SlotCount - 1}) or a slot range such as 0-5460";
                return false;
            }

            var start = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var end = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (end < start)
            {
                error = $"'{part}' ends before it starts";
                return false;
            }

            slots.AddRange(Enumerable.Range(start, end - start + 1));
        }

        request = new TakeoverRequest(false, SlotRange.FromSlots(slots));
        return true;
    }

    /// <summary>True when the request names the shard that owns <paramref name="shardSlots"/>: <c>all</c>, or any slot of it.</summary>
    public bool Covers(IReadOnlyList<SlotRange> shardSlots) =>
        All || Slots.Any(r => shardSlots.Any(s => r.Start <= s.End && s.Start <= r.End));

    /// <summary><c>all</c> or the slots as ranges, as the option is written.</summary>
    public override string ToString() => All ? AllKeyword : SlotRange.Format(Slots);

    private static bool IsSlot(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) && slot < SlotRange.SlotCount;
}
