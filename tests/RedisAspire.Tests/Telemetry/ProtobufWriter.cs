using System.Buffers.Binary;
using System.Text;

namespace RedisAspire.Tests.Telemetry;

/// <summary>Writes protobuf fields, for tests that need a whole OTLP request rather than a few bytes written out by hand.</summary>
public sealed class ProtobufWriter
{
    private readonly List<byte> _buffer = [];

    public ProtobufWriter Varint(int field, ulong value)
    {
        Tag(field, ProtobufWireType.Varint);
        WriteVarint(value);
        return this;
    }

    public ProtobufWriter Fixed64(int field, ulong value)
    {
        Tag(field, ProtobufWireType.Fixed64);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        _buffer.AddRange(bytes);
        return this;
    }

    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.AddRange(value);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, Action<ProtobufWriter> write)
    {
        var inner = new ProtobufWriter();
        write(inner);
        return Bytes(field, inner.ToArray());
    }

    public byte[] ToArray() => [.. _buffer];

    private void Tag(int field, ProtobufWireType type) => WriteVarint(((ulong)field << 3) | (ulong)type);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.Add((byte)value);
    }
}
