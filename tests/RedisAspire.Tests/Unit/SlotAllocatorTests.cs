using RedisAspire.ClusterInit.Planning;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class SlotAllocatorTests
{
    public static TheoryData<int> OneToTwentyMasters => [.. Enumerable.Range(1, 20)];

    [Fact]
    public void SplitsThreeMastersLikeRedisCli()
    {
        Assert.Equal([new(0, 5460), new(5461, 10922), new(10923, 16383)], SlotAllocator.Split(3));
    }

    [Fact]
    public void SplitsFourMastersEvenly()
    {
        Assert.Equal([new(0, 4095), new(4096, 8191), new(8192, 12287), new(12288, 16383)], SlotAllocator.Split(4));
    }

    [Fact]
    public void GivesOneMasterEverySlot()
    {
        Assert.Equal([new SlotRange(0, 16383)], SlotAllocator.Split(1));
    }

    [Theory]
    [MemberData(nameof(OneToTwentyMasters))]
    public void CoversEverySlotOnceWithRangesThatDifferByAtMostOne(int masters)
    {
        var ranges = SlotAllocator.Split(masters);

        AssertContiguousAndEven(ranges, masters);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(16383)]
    [InlineData(16384)]
    public void CoversEverySlotForManyMasters(int masters)
    {
        AssertContiguousAndEven(SlotAllocator.Split(masters), masters);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(16385)]
    public void RejectsImpossibleMasterCount(int masters)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlotAllocator.Split(masters));
    }

    private static void AssertContiguousAndEven(IReadOnlyList<SlotRange> ranges, int masters)
    {
        Assert.Equal(masters, ranges.Count);
        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(SlotRange.SlotCount - 1, ranges[^1].End);
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.Equal(ranges[i - 1].End + 1, ranges[i].Start);
        }

        Assert.All(ranges, r => Assert.True(r.Count >= 1, $"empty range {r} for {masters} masters"));
        Assert.Equal(SlotRange.SlotCount, ranges.Sum(r => r.Count));
        var sizes = ranges.Select(r => r.Count).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1, $"{masters} masters: sizes {sizes.Min()}..{sizes.Max()}");
    }
}
