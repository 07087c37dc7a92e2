using System.Globalization;
using System.Text;

namespace RedisAspire.Cluster.Resp;

/// <summary>Encodes a command as a RESP2 array of bulk strings.</summary>
public static class RespWriter
{
    public static byte[] Encode(IReadOnlyList<string> arguments)
    {
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count);
        var builder = new StringBuilder();
        builder.Append('*').Append(arguments.Count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var argument in arguments)
        {
            builder.Append('$')
                .Append(Encoding.UTF8.GetByteCount(argument).ToString(CultureInfo.InvariantCulture))
                .Append("\r\n")
                .Append(argument)
                .Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
