using System.Buffers.Binary;
using System.Text;

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// A minimal reader of the protobuf wire format: tags, varints, fixed 32/64-bit values and length-delimited fields,
/// plus skipping of any field the caller does not want. Malformed or truncated input throws an
/// <see cref="InvalidDataException"/> that names the offset and what was being read.
/// </summary>
public sealed class ProtobufReader
{
    private const int MaxVarintBytes = 10;
    private const int MaxGroupDepth = 64;
    private const ulong MaxFieldNumber = (1 << 29) - 1;

    private readonly ReadOnlyMemory<byte> _data;

    public ProtobufReader(ReadOnlyMemory<byte> data)
    {
        _data = data;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public int Position { get; private set; }

    public bool IsAtEnd => Position >= _data.Length;

    /// <summary>Reads the next field's tag, or returns <see langword="false"/> at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out ProtobufWireType wireType)
    {
        if (IsAtEnd)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }

        var start = Position;
        var tag = ReadVarint();
        if (tag >> 3 is 0 or > MaxFieldNumber)
        {
            throw Malformed(start, $"tag 0x{tag:x} has field number {tag >> 3}, outside 1..{MaxFieldNumber}");
        }

        fieldNumber = (int)(tag >> 3);
        wireType = (ProtobufWireType)(tag & 7);

        if (wireType > ProtobufWireType.Fixed32)
        {
            throw Malformed(start, $"field {fieldNumber} has wire type {(int)wireType}, which does not exist");
        }

        return true;
    }

    /// <summary>Reads a base-128 varint of at most ten bytes.</summary>
    public ulong ReadVarint()
    {
        var start = Position;
        var span = _data.Span;
        ulong value = 0;
        for (var i = 0; i < MaxVarintBytes; i++)
        {
            if (Position >= span.Length)
            {
                throw Truncated(start, $"a varint ended after {i} byte(s) without a final byte");
            }

            var b = span[Position++];
            value |= (ulong)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Malformed(start, $"a varint is longer than {MaxVarintBytes} bytes");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "a fixed64 value").Span);

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "a fixed32 value").Span);

    /// <summary>Reads a length prefix and returns that many bytes (a string, bytes or an embedded message).</summary>
    public ReadOnlyMemory<byte> ReadLengthDelimited()
    {
        var start = Position;
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - Position))
        {
            throw Truncated(start, $"a length-delimited field declares {length} byte(s) but only {_data.Length - Position} remain");
        }

        return Take((int)length, "a length-delimited field");
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited().Span);

    /// <summary>Reads an embedded message and returns a reader over just its bytes.</summary>
    public ProtobufReader ReadMessage() => new(ReadLengthDelimited());

    /// <summary>Skips the value of a field whose tag was just read, whatever its wire type.</summary>
    public void Skip(int fieldNumber, ProtobufWireType wireType) => Skip(fieldNumber, wireType, depth: 0);

    private void Skip(int fieldNumber, ProtobufWireType wireType, int depth)
    {
        switch (wireType)
        {
            case ProtobufWireType.Varint:
                ReadVarint();
                break;
            case ProtobufWireType.Fixed64:
                ReadFixed64();
                break;
            case ProtobufWireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case ProtobufWireType.Fixed32:
                ReadFixed32();
                break;
            case ProtobufWireType.StartGroup:
                SkipGroup(fieldNumber, depth);
                break;
            case ProtobufWireType.EndGroup:
                throw Malformed(Position, $"an end-group tag for field {fieldNumber} has no matching start-group tag");
            default:
                throw Malformed(Position, $"field {fieldNumber} has unknown wire type {(int)wireType}");
        }
    }

    private void SkipGroup(int groupField, int depth)
    {
        var start = Position;
        if (depth >= MaxGroupDepth)
        {
            throw Malformed(start, $"groups are nested deeper than {MaxGroupDepth}");
        }

        while (TryReadTag(out var field, out var type))
        {
            if (type == ProtobufWireType.EndGroup)
            {
                if (field != groupField)
                {
                    throw Malformed(Position, $"group {groupField} is closed by an end-group tag for field {field}");
                }

                return;
            }

            Skip(field, type, depth + 1);
        }

        throw Truncated(start, $"group {groupField} has no end-group tag");
    }

    private ReadOnlyMemory<byte> Take(int count, string what)
    {
        if (count > _data.Length - Position)
        {
            throw Truncated(Position, $"{what} needs {count} byte(s) but only {_data.Length - Position} remain");
        }

        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    private InvalidDataException Truncated(int offset, string detail) =>
        new($"Truncated protobuf input at offset {offset} of {_data.Length}: {detail}.");

    private InvalidDataException Malformed(int offset, string detail) =>
        new($"Malformed protobuf input at offset {offset} of {_data.Length}: {detail}.");
}
