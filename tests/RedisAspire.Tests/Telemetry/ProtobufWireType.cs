namespace RedisAspire.Tests.Telemetry;

/// <summary>The six wire types of the protobuf encoding (the low three bits of a field's tag).</summary>
public enum ProtobufWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
