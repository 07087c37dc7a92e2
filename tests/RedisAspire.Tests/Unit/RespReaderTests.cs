using System.Text;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.Tests.Unit;

public class RespReaderTests
{
    public static TheoryData<bool> Deliveries => new() { false, true };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsSimpleString(bool trickled)
    {
        var value = await Read("+OK\r\n", trickled);

        Assert.Equal(RespType.SimpleString, value.Type);
        Assert.Equal("OK", value.Text);
        Assert.Equal("OK", value.AsText());
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsEmptySimpleString(bool trickled)
    {
        var value = await Read("+\r\n", trickled);

        Assert.Equal(RespType.SimpleString, value.Type);
        Assert.Equal("", value.Text);
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsErrorAsValueNotException(bool trickled)
    {
        var value = await Read("-ERR x\r\n", trickled);

        Assert.Equal(RespType.Error, value.Type);
        Assert.Equal("ERR x", value.Text);
        Assert.Equal("-ERR x", value.ToString());
    }

    [Theory]
    [InlineData(":42\r\n", 42L)]
    [InlineData(":-1\r\n", -1L)]
    [InlineData(":0\r\n", 0L)]
    [InlineData(":+7\r\n", 7L)]
    [InlineData(":9223372036854775807\r\n", long.MaxValue)]
    [InlineData(":-9223372036854775808\r\n", long.MinValue)]
    public async Task ReadsInteger(string text, long expected)
    {
        foreach (var trickled in new[] { false, true })
        {
            var value = await Read(text, trickled);

            Assert.Equal(RespType.Integer, value.Type);
            Assert.Equal(expected, value.Integer);
        }
    }

    [Fact]
    public async Task IntegerAsTextUsesInvariantDigits()
    {
        var value = await Read(":-1234567\r\n", trickled: false);

        Assert.Equal("-1234567", value.AsText());
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsBulkString(bool trickled)
    {
        var value = await Read("$5\r\nhello\r\n", trickled);

        Assert.Equal(RespType.BulkString, value.Type);
        Assert.Equal("hello", value.Text);
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsEmptyBulkStringAsEmptyNotNull(bool trickled)
    {
        var value = await Read("$0\r\n\r\n", trickled);

        Assert.Equal(RespType.BulkString, value.Type);
        Assert.Equal("", value.Text);
    }

    [Theory]
    [InlineData("$-1\r\n")]
    [InlineData("*-1\r\n")]
    public async Task ReadsNullBulkStringAndNullArrayAsNull(string text)
    {
        foreach (var trickled in new[] { false, true })
        {
            var value = await Read(text, trickled);

            Assert.Equal(RespType.Null, value.Type);
            Assert.Same(RespValue.Null, value);
            Assert.Equal("(nil)", value.ToString());
            Assert.Throws<InvalidOperationException>(value.AsText);
        }
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsEmptyArray(bool trickled)
    {
        var value = await Read("*0\r\n", trickled);

        Assert.Equal(RespType.Array, value.Type);
        Assert.NotNull(value.Items);
        Assert.Empty(value.Items);
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsArrayOfEveryReplyType(bool trickled)
    {
        var value = await Read("*6\r\n+OK\r\n-ERR x\r\n:7\r\n$3\r\nfoo\r\n$-1\r\n*0\r\n", trickled);

        Assert.Equal(RespType.Array, value.Type);
        Assert.Equal(
            [RespType.SimpleString, RespType.Error, RespType.Integer, RespType.BulkString, RespType.Null, RespType.Array],
            value.Items!.Select(i => i.Type));
        Assert.Equal("[OK, -ERR x, 7, foo, (nil), []]", value.ToString());
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsNestedArraysShapedLikeClusterSlots(bool trickled)
    {
        const string Reply =
            "*2\r\n"
            + "*3\r\n:0\r\n:5460\r\n*3\r\n$9\r\n127.0.0.1\r\n:7000\r\n$40\r\n3246363af799b2db30e10050c69a54d7bc25e00b\r\n"
            + "*3\r\n:5461\r\n:10922\r\n*3\r\n$9\r\n127.0.0.1\r\n:7001\r\n$40\r\n425ad6abe4c4cb85ea6d859d2271c1ded66485e7\r\n";

        var value = await Read(Reply, trickled);

        Assert.Equal(2, value.Items!.Count);
        var second = value.Items[1];
        Assert.Equal(5461, second.Items![0].Integer);
        Assert.Equal(10922, second.Items[1].Integer);
        Assert.Equal("127.0.0.1", second.Items[2].Items![0].Text);
        Assert.Equal(7001, second.Items[2].Items![1].Integer);
        Assert.Equal("425ad6abe4c4cb85ea6d859d2271c1ded66485e7", second.Items[2].Items![2].Text);
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsBulkStringWithEmbeddedCrlf(bool trickled)
    {
        var value = await Read("$12\r\nline1\r\nline2\r\n", trickled);

        Assert.Equal("line1\r\nline2", value.Text);
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsBulkStringThatIsOnlyCrlf(bool trickled)
    {
        var value = await Read("$2\r\n\r\n\r\n", trickled);

        Assert.Equal("\r\n", value.Text);
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsUtf8MultiByteBulkStringByByteLength(bool trickled)
    {
        const string Text = "héllo wörld € 😀 日本";
        var byteCount = Encoding.UTF8.GetByteCount(Text);
        Assert.NotEqual(Text.Length, byteCount);

        var value = await Read($"${byteCount}\r\n{Text}\r\n", trickled);

        Assert.Equal(Text, value.Text);
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ReadsUtf8MultiByteSimpleString(bool trickled)
    {
        var value = await Read("+clé €\r\n", trickled);

        Assert.Equal("clé €", value.Text);
    }

    [Fact]
    public async Task ReadsReplyDeliveredOneBytePerRead()
    {
        var bytes = RespInput.Bytes("*3\r\n$3\r\nSET\r\n$12\r\nline1\r\nline2\r\n:-42\r\n");
        var stream = new TrickleStream(bytes);

        var value = await RespInput.ReadAsync(stream);

        Assert.Equal("[SET, line1\r\nline2, -42]", value.ToString());
        Assert.True(stream.ReadCalls >= bytes.Length, $"{stream.ReadCalls} reads for {bytes.Length} bytes");
    }

    [Fact]
    public async Task ReadsSeveralRepliesFromOneBufferInOrder()
    {
        var stream = new MemoryStream(RespInput.Bytes("+OK\r\n:1\r\n$3\r\nabc\r\n*2\r\n:2\r\n$-1\r\n-ERR no\r\n$0\r\n\r\n*-1\r\n"));

        var values = await RespInput.ReadManyAsync(stream, 7);

        Assert.Equal(["OK", "1", "abc", "[2, (nil)]", "-ERR no", "", "(nil)"], values.Select(v => v.ToString()));
    }

    [Fact]
    public async Task ReadsSeveralTrickledRepliesInOrder()
    {
        var stream = new TrickleStream(RespInput.Bytes("+PONG\r\n$5\r\nhello\r\n:3\r\n"));

        var values = await RespInput.ReadManyAsync(stream, 3);

        Assert.Equal(["PONG", "hello", "3"], values.Select(v => v.ToString()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    [InlineData(70_000)]
    public async Task ReadsBulkStringLargerThanTheReadBuffer(int chunk)
    {
        // chunk 0: the whole reply in one read; otherwise at most that many bytes per read.
        var text = new string('x', 100_000) + "\r\n" + new string('y', 1000);
        var bytes = RespInput.Bytes($"${text.Length}\r\n{text}\r\n+after\r\n");
        var stream = chunk == 0 ? new MemoryStream(bytes) : (Stream)new TrickleStream(bytes, chunk);

        var values = await RespInput.ReadManyAsync(stream, 2);

        Assert.Equal(text, values[0].Text);
        Assert.Equal("after", values[1].Text);
    }

    [Fact]
    public async Task ReadsLinesNearTheLineLimitWhateverTheReadSize()
    {
        // Type byte + payload + CRLF is exactly MaxLineLength bytes.
        var payload = new string('a', RespReader.MaxLineLength - 3);

        Assert.Equal(payload, (await RespInput.ReadAsync($"+{payload}\r\n")).Text);
        Assert.Equal(payload, (await RespInput.ReadTrickledAsync($"+{payload}\r\n")).Text);
    }

    [Fact]
    public async Task ReadsArraysNestedThirtyTwoLevelsDeep()
    {
        var value = await RespInput.ReadAsync(string.Concat(Enumerable.Repeat("*1\r\n", 32)) + ":1\r\n");

        var depth = 0;
        while (value.Type == RespType.Array)
        {
            value = value.Items![0];
            depth++;
        }

        Assert.Equal(32, depth);
        Assert.Equal(1, value.Integer);
    }

    private static Task<RespValue> Read(string text, bool trickled) =>
        trickled ? RespInput.ReadTrickledAsync(text) : RespInput.ReadAsync(text);
}
