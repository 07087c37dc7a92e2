using System.Globalization;

namespace RedisAspire.Cluster.Resp;

/// <summary>One RESP2 reply: a simple string, error, integer, bulk string, array or null.</summary>
public sealed class RespValue
{
    public static readonly RespValue Null = new(RespType.Null, null, 0, null);

    private RespValue(RespType type, string? text, long integer, IReadOnlyList<RespValue>? items)
    {
        Type = type;
        Text = text;
        Integer = integer;
        Items = items;
    }

    public RespType Type { get; }

    /// <summary>The text of a simple string, error or bulk string.</summary>
    public string? Text { get; }

    public long Integer { get; }

    public IReadOnlyList<RespValue>? Items { get; }

    public static RespValue SimpleString(string text) => new(RespType.SimpleString, text, 0, null);

    public static RespValue Error(string text) => new(RespType.Error, text, 0, null);

    public static RespValue FromInteger(long value) => new(RespType.Integer, null, value, null);

    public static RespValue BulkString(string text) => new(RespType.BulkString, text, 0, null);

    public static RespValue Array(IReadOnlyList<RespValue> items) => new(RespType.Array, null, 0, items);

    /// <summary>The reply as text: strings as they are, integers in invariant digits.</summary>
    public string AsText() => Type switch
    {
        RespType.SimpleString or RespType.BulkString or RespType.Error => Text!,
        RespType.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"A RESP {Type} reply has no text."),
    };

    public override string ToString() => Type switch
    {
        RespType.Array => $"[{string.Join(", ", Items!)}]",
        RespType.Null => "(nil)",
        RespType.Error => $"-{Text}",
        _ => AsText(),
    };
}
