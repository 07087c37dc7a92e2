namespace RedisAspire.Tests.Infrastructure;

/// <summary>One reply read by <see cref="TestRedisClient"/>.</summary>
public sealed class RespReply
{
    private RespReply(RespReplyKind kind, string? text, long integer, IReadOnlyList<RespReply> items)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Items = items;
    }

    public RespReplyKind Kind { get; }

    /// <summary>Payload of a simple string, bulk string or error; <see langword="null"/> otherwise.</summary>
    public string? Text { get; }

    public long Integer { get; }

    /// <summary>Elements of an array reply; empty otherwise.</summary>
    public IReadOnlyList<RespReply> Items { get; }

    public bool IsError => Kind == RespReplyKind.Error;

    public static RespReply Simple(string text) => new(RespReplyKind.SimpleString, text, 0, []);

    public static RespReply Error(string text) => new(RespReplyKind.Error, text, 0, []);

    public static RespReply Number(long value) => new(RespReplyKind.Integer, null, value, []);

    public static RespReply Bulk(string text) => new(RespReplyKind.BulkString, text, 0, []);

    public static RespReply Array(IReadOnlyList<RespReply> items) => new(RespReplyKind.Array, null, 0, items);

    public static RespReply Null() => new(RespReplyKind.Null, null, 0, []);

    /// <summary>The text of a simple or bulk string reply; throws on an error, null or other reply.</summary>
    public string AsText() => Kind is RespReplyKind.SimpleString or RespReplyKind.BulkString
        ? Text!
        : throw new InvalidOperationException($"Expected a string reply but got {this}.");

    /// <summary>The value of an integer reply; throws on any other reply.</summary>
    public long AsInteger() => Kind == RespReplyKind.Integer
        ? Integer
        : throw new InvalidOperationException($"Expected an integer reply but got {this}.");

    public override string ToString() => Kind switch
    {
        RespReplyKind.SimpleString => $"+{Text}",
        RespReplyKind.Error => $"-{Text}",
        RespReplyKind.Integer => $":{Integer}",
        RespReplyKind.BulkString => $"\"{Text}\"",
        RespReplyKind.Array => $"[{string.Join(", ", Items)}]",
        _ => "(nil)",
    };
}
