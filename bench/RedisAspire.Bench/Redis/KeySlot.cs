using System.Text;

namespace RedisAspire.Bench.Redis;

/// <summary>Redis Cluster's key → slot mapping: CRC16 (XMODEM) of the key, or of its hash tag <c>{…}</c>, modulo 16384.</summary>
public static class KeySlot
{
    public static int Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                key = key[(open + 1)..close];
            }
        }

        ushort crc = 0;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }
        }

        return crc % ClusterCheck.SlotCount;
    }
}
