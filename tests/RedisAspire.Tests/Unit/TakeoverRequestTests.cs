using RedisAspire.Cluster.Topology;
using RedisAspire.ClusterInit.Recovery;

namespace RedisAspire.Tests.Unit;

public sealed class TakeoverRequestTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyMeansNoRequest(string? text)
    {
        Assert.True(TakeoverRequest.TryParse(text, out var request, out _));
        Assert.Null(request);
    }

    [Fact]
    public void AllCoversEveryShard()
    {
        Assert.True(TakeoverRequest.TryParse("all", out var request, out _));

        Assert.True(request!.Covers([new SlotRange(10923, 16383)]));
        Assert.Equal("all", request.ToString());
    }

    [Fact]
    public void SlotRangesCoverEveryShardOwningOneOfTheirSlots()
    {
        Assert.True(TakeoverRequest.TryParse("0-5460, 12000", out var request, out _));

        Assert.True(request!.Covers([new SlotRange(0, 5460)]));
        Assert.True(request.Covers([new SlotRange(5000, 6000)]));
        Assert.True(request.Covers([new SlotRange(10923, 16383)]));
        Assert.False(request.Covers([new SlotRange(5461, 10922)]));
        Assert.Equal("0-5460,12000", request.ToString());
    }

    [Fact]
    public void OverlappingAndAdjacentRangesAreJoined()
    {
        Assert.True(TakeoverRequest.TryParse("100-200,150-300,301", out var request, out _));

        Assert.Equal([new SlotRange(100, 301)], request!.Slots);
    }
}
