using RedisAspire.Cluster.Resp;

namespace RedisAspire.Tests.Unit;

public class RespWriterTests
{
    [Fact]
    public void EncodesCommandAsArrayOfBulkStrings()
    {
        var bytes = RespWriter.Encode(["CLUSTER", "NODES"]);

        Assert.Equal("*2\r\n$7\r\nCLUSTER\r\n$5\r\nNODES\r\n"u8.ToArray(), bytes);
    }

    [Fact]
    public void EncodesEmptyArgumentAsZeroLengthBulkString()
    {
        var bytes = RespWriter.Encode(["SET", "key", ""]);

        Assert.Equal("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$0\r\n\r\n"u8.ToArray(), bytes);
    }

    [Fact]
    public void EncodesUtf8ArgumentWithItsByteLength()
    {
        var bytes = RespWriter.Encode(["SET", "clé", "€😀"]);

        byte[] expected =
        [
            .. "*3\r\n$3\r\nSET\r\n$4\r\n"u8,
            (byte)'c', (byte)'l', 0xC3, 0xA9,
            .. "\r\n$7\r\n"u8,
            0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80,
            .. "\r\n"u8,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void EncodesArgumentContainingCrlfVerbatim()
    {
        var bytes = RespWriter.Encode(["ECHO", "a\r\nb"]);

        Assert.Equal("*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n"u8.ToArray(), bytes);
    }

    [Fact]
    public void RejectsEmptyCommand()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RespWriter.Encode([]));
    }

    [Fact]
    public async Task EncodedCommandReadsBackAsTheSameArguments()
    {
        string[] arguments = ["CLUSTER", "MEET", "", "clé €😀", "line1\r\nline2", new string('x', 70_000)];

        var value = await RespInput.ReadAsync(new MemoryStream(RespWriter.Encode(arguments)));

        Assert.Equal(RespType.Array, value.Type);
        Assert.All(value.Items!, item => Assert.Equal(RespType.BulkString, item.Type));
        Assert.Equal(arguments, value.Items!.Select(i => i.Text));
    }
}
