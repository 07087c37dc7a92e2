using System.Globalization;
using System.Text;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.Tests.Unit;

public class RespReaderFuzzTests
{
    private const int BaseSeed = 5_170_000;
    private const int Cases = 2000;
    private static readonly byte[] Alphabet = "+-:$*\r\n\r\n0123456789-1OKERRé"u8.ToArray();
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RandomAndMutatedInputEitherReadsOrRaisesRespProtocolException()
    {
        var outcomes = new int[2];
        for (var i = 0; i < Cases; i++)
        {
            // One seed per input: a failure names the seed, and new Random(seed) replays exactly that input.
            var seed = BaseSeed + i;
            var random = new Random(seed);
            var (input, expected) = Generate(random);
            var stream = new TrickleStream(input, maxChunk: random.Next(1, 80), random);
            var values = await ReadUntilRejectedAsync(stream, seed, input);

            if (expected is not null)
            {
                Assert.True(values.Count == 1 && values[0].ToString() == expected, $"seed {seed}: expected {expected}, read [{string.Join(" | ", values)}] from {Show(input)}");
            }

            outcomes[values.Count > 0 ? 1 : 0]++;
        }

        // The generator must exercise both outcomes, or the test proves little.
        Assert.True(outcomes[0] > Cases / 10 && outcomes[1] > Cases / 10, $"rejected-only {outcomes[0]}, with values {outcomes[1]}");
    }

    /// <summary>Reads replies until the reader rejects the input, which it must do at the latest at end of stream.</summary>
    private static async Task<List<RespValue>> ReadUntilRejectedAsync(Stream stream, int seed, byte[] input)
    {
        var values = new List<RespValue>();
        var reader = new RespReader(stream);
        using var timeout = new CancellationTokenSource(PerInputLimit);
        try
        {
            await Task.Run(
                async () =>
                {
                    while (true)
                    {
                        values.Add(await reader.ReadAsync(timeout.Token));
                    }
                },
                timeout.Token).WaitAsync(PerInputLimit + TimeSpan.FromSeconds(1));
        }
        catch (RespProtocolException)
        {
            return values;
        }
        catch (Exception exception)
        {
            Assert.Fail($"seed {seed}: {exception.GetType().Name} ({exception.Message}) instead of RespProtocolException for {Show(input)}");
        }

        throw new InvalidOperationException("unreachable: the read loop only ends by throwing");
    }

    private static (byte[] Input, string? Expected) Generate(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                var value = RandomValue(random, depth: 0);
                return (Encode(value), value.ToString());
            case 1:
                var bytes = new List<byte>();
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes.AddRange(Encode(RandomValue(random, depth: 0)));
                }

                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    Mutate(bytes, random);
                }

                return ([.. bytes], null);
            case 2:
                return ([.. Enumerable.Range(0, random.Next(0, 64)).Select(_ => Alphabet[random.Next(Alphabet.Length)])], null);
            default:
                var noise = new byte[random.Next(0, 64)];
                random.NextBytes(noise);
                return (noise, null);
        }
    }

    private static RespValue RandomValue(Random random, int depth)
    {
        switch (random.Next(depth < 4 ? 7 : 5))
        {
            case 0:
                return RespValue.SimpleString(RandomText(random, allowNewlines: false));
            case 1:
                return RespValue.Error("ERR " + RandomText(random, allowNewlines: false));
            case 2:
                return RespValue.FromInteger(random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-2, 1000));
            case 3:
                return RespValue.BulkString(RandomText(random, allowNewlines: true));
            case 4:
                return RespValue.Null;
            default:
                return RespValue.Array([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1))]);
        }
    }

    private static string RandomText(Random random, bool allowNewlines)
    {
        string[] pieces = allowNewlines ? ["a", "OK", "é", "€", "😀", "\r\n", "\n", " ", "$3", "*"] : ["a", "OK", "é", "€", "😀", " ", "$3", "*"];
        return string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    private static void Mutate(List<byte> bytes, Random random)
    {
        if (bytes.Count == 0)
        {
            bytes.Add(Alphabet[random.Next(Alphabet.Length)]);
            return;
        }

        var at = random.Next(bytes.Count);
        switch (random.Next(6))
        {
            case 0:
                bytes[at] = Alphabet[random.Next(Alphabet.Length)];
                break;
            case 1:
                bytes.RemoveAt(at);
                break;
            case 2:
                bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 4:
                var length = random.Next(1, Math.Min(16, bytes.Count - at) + 1);
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            default:
                bytes[at] = (byte)random.Next(256);
                break;
        }
    }

    private static byte[] Encode(RespValue value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Append(StringBuilder builder, RespValue value)
    {
        switch (value.Type)
        {
            case RespType.SimpleString:
                builder.Append('+').Append(value.Text).Append("\r\n");
                break;
            case RespType.Error:
                builder.Append('-').Append(value.Text).Append("\r\n");
                break;
            case RespType.Integer:
                builder.Append(':').Append(value.Integer.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                break;
            case RespType.BulkString:
                builder.Append('$').Append(Encoding.UTF8.GetByteCount(value.Text!).ToString(CultureInfo.InvariantCulture)).Append("\r\n").Append(value.Text).Append("\r\n");
                break;
            case RespType.Null:
                builder.Append("$-1\r\n");
                break;
            default:
                builder.Append('*').Append(value.Items!.Count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                foreach (var item in value.Items)
                {
                    Append(builder, item);
                }

                break;
        }
    }

    private static string Show(byte[] input) =>
        input.Length > 200 ? Convert.ToHexString(input, 0, 200) + "…" : Convert.ToHexString(input);
}
