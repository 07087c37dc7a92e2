using System.Text;

namespace RedisAspire.Tests.Telemetry;

/// <summary>The wire-format reader on bytes written out by hand (the examples of protobuf's encoding guide and edge cases).</summary>
public sealed class ProtobufReaderTests
{
    [Theory]
    [InlineData("00", 0UL)]
    [InlineData("01", 1UL)]
    [InlineData("7f", 127UL)]
    [InlineData("80 01", 128UL)]
    [InlineData("96 01", 150UL)]
    [InlineData("ac 02", 300UL)]
    [InlineData("80 80 01", 16384UL)]
    [InlineData("ff ff ff ff 0f", 4294967295UL)]
    [InlineData("ff ff ff ff ff ff ff ff ff 01", ulong.MaxValue)]
    public void ReadsVarintsOfOneToTenBytes(string hex, ulong expected)
    {
        var reader = Reader(hex);

        Assert.Equal(expected, reader.ReadVarint());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void ReadsTagAndVarintOfTheEncodingGuideExample()
    {
        var reader = Reader("08 96 01");

        Assert.True(reader.TryReadTag(out var field, out var type));
        Assert.Equal((1, ProtobufWireType.Varint), (field, type));
        Assert.Equal(150UL, reader.ReadVarint());
        Assert.False(reader.TryReadTag(out _, out _));
    }

    [Fact]
    public void ReadsMultiByteTagsOfHighFieldNumbers()
    {
        // Field 16 and field 2^29-1 (the largest allowed), both length-delimited.
        var reader = Reader("82 01 00  fa ff ff ff 0f 00");

        Assert.True(reader.TryReadTag(out var low, out var lowType));
        Assert.Equal((16, ProtobufWireType.LengthDelimited), (low, lowType));
        Assert.True(reader.ReadLengthDelimited().IsEmpty);
        Assert.True(reader.TryReadTag(out var high, out var highType));
        Assert.Equal(((1 << 29) - 1, ProtobufWireType.LengthDelimited), (high, highType));
    }

    [Fact]
    public void ReadsLengthDelimitedStringsAndFixedValuesLittleEndian()
    {
        var reader = Reader("12 07 74 65 73 74 69 6e 67  19 01 02 03 04 05 06 07 08  25 0a 0b 0c 0d");

        Assert.True(reader.TryReadTag(out _, out var stringType));
        Assert.Equal(ProtobufWireType.LengthDelimited, stringType);
        Assert.Equal("testing", reader.ReadString());
        Assert.True(reader.TryReadTag(out _, out var fixed64Type));
        Assert.Equal(ProtobufWireType.Fixed64, fixed64Type);
        Assert.Equal(0x0807060504030201UL, reader.ReadFixed64());
        Assert.True(reader.TryReadTag(out _, out var fixed32Type));
        Assert.Equal(ProtobufWireType.Fixed32, fixed32Type);
        Assert.Equal(0x0d0c0b0aU, reader.ReadFixed32());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void EmbeddedMessageReaderStopsAtTheMessageEnd()
    {
        // Field 3 holds { field 1 = 150 }; field 4 = 1 follows it in the outer message.
        var outer = Reader("1a 03 08 96 01  20 01");

        Assert.True(outer.TryReadTag(out _, out _));
        var inner = outer.ReadMessage();
        Assert.True(inner.TryReadTag(out var innerField, out _));
        Assert.Equal(1, innerField);
        Assert.Equal(150UL, inner.ReadVarint());
        Assert.False(inner.TryReadTag(out _, out _));
        Assert.True(outer.TryReadTag(out var outerField, out _));
        Assert.Equal(4, outerField);
    }

    [Fact]
    public void SkipsUnknownFieldsOfEveryWireType()
    {
        var reader = Reader(
            "08 ac 02"                         // 1: varint 300
            + " 11 01 02 03 04 05 06 07 08"    // 2: fixed64
            + " 1a 03 61 62 63"                // 3: "abc"
            + " 23 08 01 2b 10 02 2c 2a 01 7a 24" // 4: group { 1: 1, 5: group { 2: 2 }, 5: "z" }
            + " 35 01 02 03 04"                // 6: fixed32
            + " 3a 04 6b 65 70 74");           // 7: "kept"
        string? kept = null;

        while (reader.TryReadTag(out var field, out var type))
        {
            if (field == 7)
            {
                kept = reader.ReadString();
            }
            else
            {
                reader.Skip(field, type);
            }
        }

        Assert.Equal("kept", kept);
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData("80", "a varint ended after 1 byte(s)")]
    [InlineData("08 96", "a varint ended after 1 byte(s)")]
    [InlineData("12 07 74 65", "declares 7 byte(s) but only 2 remain")]
    [InlineData("12 80", "a varint ended after 1 byte(s)")]
    [InlineData("11 01 02 03", "a fixed64 value needs 8 byte(s) but only 3 remain")]
    [InlineData("1d 01 02", "a fixed32 value needs 4 byte(s) but only 2 remain")]
    [InlineData("1b 08 01", "group 3 has no end-group tag")]
    public void TruncatedInputThrowsNamingWhatWasCutOff(string hex, string detail)
    {
        var reader = Reader(hex);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(reader));

        Assert.StartsWith("Truncated protobuf input at offset ", error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("08 ff ff ff ff ff ff ff ff ff ff 01", "a varint is longer than 10 bytes")]
    [InlineData("0e 00", "wire type 6, which does not exist")]
    [InlineData("0f 00", "wire type 7, which does not exist")]
    [InlineData("00 00", "field number 0")]
    [InlineData("0c", "an end-group tag for field 1 has no matching start-group tag")]
    [InlineData("0b 14", "group 1 is closed by an end-group tag for field 2")]
    public void MalformedInputThrowsSayingWhatIsWrong(string hex, string detail)
    {
        var reader = Reader(hex);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(reader));

        Assert.StartsWith("Malformed protobuf input at offset ", error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringsAreDecodedAsUtf8()
    {
        var text = "zürich ✓";
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new ProtobufReader((byte[])[(byte)bytes.Length, .. bytes]);

        Assert.Equal(text, reader.ReadString());
    }

    private static ProtobufReader Reader(string hex) =>
        new(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));

    private static void ReadAll(ProtobufReader reader)
    {
        while (reader.TryReadTag(out var field, out var type))
        {
            reader.Skip(field, type);
        }
    }
}
