using System.Globalization;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.Tests.Unit;

public class RespReaderMalformedInputTests
{
    [Theory]
    [InlineData("?foo\r\n")]
    [InlineData("!5\r\nhello\r\n")]
    [InlineData("%1\r\n+a\r\n+b\r\n")]
    [InlineData("_\r\n")]
    [InlineData("OK\r\n")]
    [InlineData(" +OK\r\n")]
    [InlineData("\u00e9\r\n")]
    public async Task RejectsUnknownTypeByte(string text)
    {
        var exception = await AssertRejected(text);

        Assert.Contains("type byte", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsEmptyLine()
    {
        await AssertRejected("\r\n");
    }

    [Theory]
    [InlineData("+OK\n")]
    [InlineData("\n")]
    [InlineData(":1\n:2\r\n")]
    [InlineData("*1\r\n+OK\n")]
    [InlineData("$3\nabc\r\n")]
    public async Task RejectsLfWithoutCr(string text)
    {
        var exception = await AssertRejected(text);

        Assert.Contains("CRLF", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$abc\r\n")]
    [InlineData("$\r\n")]
    [InlineData("$ 5\r\nhello\r\n")]
    [InlineData("$5 \r\nhello\r\n")]
    [InlineData("$5.0\r\nhello\r\n")]
    [InlineData("$0x5\r\nhello\r\n")]
    [InlineData("$99999999999999999999\r\n")]
    [InlineData("*two\r\n")]
    [InlineData("*\r\n")]
    [InlineData(":\r\n")]
    [InlineData(":12a\r\n")]
    [InlineData(":1e3\r\n")]
    [InlineData(":--1\r\n")]
    public async Task RejectsNonNumericLengthOrInteger(string text)
    {
        var exception = await AssertRejected(text);

        Assert.Contains("Invalid RESP", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$-2\r\n")]
    [InlineData("$-100\r\n")]
    [InlineData("*-2\r\n")]
    [InlineData("*-9223372036854775808\r\n")]
    public async Task RejectsNegativeLengthOtherThanMinusOne(string text)
    {
        var exception = await AssertRejected(text);

        Assert.Contains("outside", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsBulkLongerThanMaxBulkLengthBeforeReadingIt()
    {
        var header = $"${(RespReader.MaxBulkLength + 1L).ToString(CultureInfo.InvariantCulture)}\r\n";

        var exception = await AssertRejected(header + "abc\r\n");

        Assert.Contains(RespReader.MaxBulkLength.ToString(CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsArrayLongerThanMaxArrayLengthBeforeReadingIt()
    {
        var header = $"*{(RespReader.MaxArrayLength + 1L).ToString(CultureInfo.InvariantCulture)}\r\n";

        var exception = await AssertRejected(header + ":1\r\n");

        Assert.Contains(RespReader.MaxArrayLength.ToString(CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$3\r\nabcd\r\n")]
    [InlineData("$3\r\nabcXY")]
    [InlineData("$3\r\nabc\n\r")]
    [InlineData("$3\r\nabc\r\r")]
    [InlineData("$0\r\nX\r\n")]
    [InlineData("*1\r\n$1\r\nab\r\n")]
    public async Task RejectsBulkNotFollowedByCrlf(string text)
    {
        var exception = await AssertRejected(text);

        Assert.Contains("not followed by CRLF", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("+OK")]
    [InlineData("+OK\r")]
    [InlineData(":12")]
    [InlineData("$5")]
    [InlineData("$5\r")]
    [InlineData("$5\r\n")]
    [InlineData("$10\r\nhel")]
    [InlineData("$5\r\nhello")]
    [InlineData("$5\r\nhello\r")]
    [InlineData("*3\r\n")]
    [InlineData("*3\r\n:1\r\n:2\r\n")]
    [InlineData("*3\r\n:1\r\n:2\r\n$4\r\nab")]
    [InlineData("*2\r\n*2\r\n:1\r\n")]
    [InlineData("*2\r\n*2\r\n:1\r\n:2\r\n*1\r\n")]
    public async Task RejectsStreamThatEndsMidReply(string text)
    {
        var exception = await AssertRejected(text);

        Assert.Contains("Connection closed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsReadAfterTheLastCompleteReply()
    {
        var stream = new MemoryStream(RespInput.Bytes("+OK\r\n"));
        var reader = new RespReader(stream);
        using var timeout = new CancellationTokenSource(RespInput.Limit);

        Assert.Equal("OK", (await reader.ReadAsync(timeout.Token)).Text);
        await Assert.ThrowsAsync<RespProtocolException>(() => reader.ReadAsync(timeout.Token).WaitAsync(RespInput.Limit));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(100_000)]
    public async Task RejectsArraysNestedDeeperThanThirtyTwoLevels(int depth)
    {
        var exception = await AssertRejected(string.Concat(Enumerable.Repeat("*1\r\n", depth)) + ":1\r\n");

        Assert.Contains("nested deeper", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsLineFarOverMaxLineLength()
    {
        var text = "+" + new string('a', 2 * RespReader.MaxLineLength) + "\r\n";

        var exception = await AssertRejected(text);

        Assert.Contains("longer than", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsLineOneByteOverMaxLineLengthHoweverItArrives()
    {
        // Type byte + payload + CRLF is MaxLineLength + 1 bytes: small enough to arrive in one read.
        var text = "+" + new string('a', RespReader.MaxLineLength - 2) + "\r\n";

        var exception = await AssertRejected(text);

        Assert.Contains("longer than", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsEndlessLineWithoutReadingTheWholeStream()
    {
        var stream = new TrickleStream(RespInput.Bytes("+" + new string('a', 16 * RespReader.MaxLineLength)), maxChunk: 1000);

        var exception = await Assert.ThrowsAsync<RespProtocolException>(() => RespInput.ReadAsync(stream));

        Assert.Contains("longer than", exception.Message, StringComparison.Ordinal);
        Assert.True(stream.ReadCalls < 100, $"{stream.ReadCalls} reads of 1000 bytes before giving up on a line");
    }

    [Fact]
    public async Task RejectsLengthHeaderOverMaxLineLength()
    {
        var exception = await AssertRejected("$" + new string('1', RespReader.MaxLineLength * 2) + "\r\n");

        Assert.Contains("longer than", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorMessageDoesNotEchoControlCharacters()
    {
        var exception = await AssertRejected("?a\tb\u0001c\r\n");

        Assert.DoesNotContain('\t', exception.Message);
        Assert.DoesNotContain('\u0001', exception.Message);
    }

    [Fact]
    public async Task StopsWaitingForSilentPeerWhenCancelled()
    {
        var reader = new RespReader(new StallingStream(RespInput.Bytes("$10\r\nhel")));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(timeout.Token).WaitAsync(RespInput.Limit));
    }

    /// <summary>Asserts that the reply is rejected both when delivered in one read and one byte per read.</summary>
    private static async Task<RespProtocolException> AssertRejected(string text)
    {
        var whole = await Assert.ThrowsAsync<RespProtocolException>(() => RespInput.ReadAsync(text));
        var trickled = await Assert.ThrowsAsync<RespProtocolException>(() => RespInput.ReadTrickledAsync(text));
        Assert.Equal(whole.Message, trickled.Message);
        return whole;
    }
}
