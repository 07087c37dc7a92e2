using RedisAspire.Cluster.Resp;

namespace RedisAspire.Tests.Unit;

public class RespValueTests
{
    [Fact]
    public void AsTextReturnsTheTextOfEveryStringKind()
    {
        Assert.Equal("OK", RespValue.SimpleString("OK").AsText());
        Assert.Equal("ERR x", RespValue.Error("ERR x").AsText());
        Assert.Equal("bulk", RespValue.BulkString("bulk").AsText());
        Assert.Equal("-5", RespValue.FromInteger(-5).AsText());
    }

    [Fact]
    public void AsTextOfArrayOrNullThrows()
    {
        Assert.Throws<InvalidOperationException>(() => RespValue.Array([]).AsText());
        Assert.Throws<InvalidOperationException>(RespValue.Null.AsText);
    }

    [Fact]
    public void ToStringShowsNestedArraysErrorsAndNulls()
    {
        var value = RespValue.Array([RespValue.SimpleString("OK"), RespValue.Array([RespValue.FromInteger(1), RespValue.Null]), RespValue.Error("MOVED 1 x")]);

        Assert.Equal("[OK, [1, (nil)], -MOVED 1 x]", value.ToString());
    }
}
