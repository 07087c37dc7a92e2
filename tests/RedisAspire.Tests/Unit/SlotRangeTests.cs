using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class SlotRangeTests
{
    [Fact]
    public void CountsInclusiveRange()
    {
        Assert.Equal(1, new SlotRange(5, 5).Count);
        Assert.Equal(5461, new SlotRange(0, 5460).Count);
        Assert.Equal(SlotRange.SlotCount, new SlotRange(0, 16383).Count);
    }

    [Fact]
    public void FormatsSingleSlotWithoutDash()
    {
        Assert.Equal("5", new SlotRange(5, 5).ToString());
        Assert.Equal("0-5460", new SlotRange(0, 5460).ToString());
    }

    [Fact]
    public void FromSlotsOfNothingIsEmpty()
    {
        Assert.Empty(SlotRange.FromSlots([]));
    }

    [Fact]
    public void FromSlotsJoinsUnsortedSlotsIntoFewestRanges()
    {
        var ranges = SlotRange.FromSlots([9, 0, 2, 1, 5, 7, 8, 16383]);

        Assert.Equal([new(0, 2), new(5, 5), new(7, 9), new(16383, 16383)], ranges);
    }

    [Fact]
    public void FromSlotsIgnoresDuplicates()
    {
        var ranges = SlotRange.FromSlots([4, 1, 1, 2, 2, 2, 4, 3, 7, 7]);

        Assert.Equal([new(1, 4), new(7, 7)], ranges);
    }

    [Fact]
    public void FromSlotsOfEverySlotIsOneRange()
    {
        var ranges = SlotRange.FromSlots(Enumerable.Range(0, SlotRange.SlotCount).Reverse());

        Assert.Equal([new SlotRange(0, 16383)], ranges);
    }

    [Fact]
    public void FormatJoinsRangesWithCommas()
    {
        Assert.Equal("0-5460,5461-10922,10923-16383", SlotRange.Format([new(0, 5460), new(5461, 10922), new(10923, 16383)]));
        Assert.Equal("5,7-9", SlotRange.Format([new(5, 5), new(7, 9)]));
    }

    [Fact]
    public void FormatOfNoRangesIsDash()
    {
        Assert.Equal("-", SlotRange.Format([]));
    }

    [Fact]
    public void FormatOfFromSlotsMatchesClusterNodesNotation()
    {
        Assert.Equal("0-2,5,100-101", SlotRange.Format(SlotRange.FromSlots([101, 0, 1, 2, 5, 100])));
    }
}
