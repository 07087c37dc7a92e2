using System.Text;

namespace RedisAspire.Tests.Resilience;

/// <summary>Redis Cluster's key-to-slot function: CRC16 (XMODEM) of the key, or of its <c>{hash tag}</c>, modulo 16384.</summary>
internal static class KeySlot
{
    public const int Count = 16384;

    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1)
            {
                bytes = bytes[(open + 1)..close];
            }
        }

        return Crc16(bytes) % Count;
    }

    /// <summary>Hash tags whose slot <paramref name="accept"/> accepts, e.g. the slots of one master.</summary>
    public static IReadOnlyList<string> TagsWhere(Func<int, bool> accept, int count) =>
        [.. Enumerable.Range(0, int.MaxValue).Select(i => $"tag{i}").Where(tag => accept(Of(tag))).Take(count)];

    private static int Crc16(byte[] bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }

            crc &= 0xFFFF;
        }

        return crc;
    }
}
