using System.Diagnostics;
using RedisAspire.Cluster.NodesConf;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class ClusterNodesParserFuzzTests
{
    private const int BaseSeed = 7_900_000;
    private const int Cases = 2000;
    private const string Alphabet = " -:@,[]<>?.0123456789abcdefXz\r\n";
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(1);

    private static readonly string[] Corpus =
    [
        "3246363af799b2db30e10050c69a54d7bc25e00b 127.0.0.1:7900@17900 myself,master - 0 0 1 connected 0-100 [5->-425ad6abe4c4cb85ea6d859d2271c1ded66485e7]",
        "425ad6abe4c4cb85ea6d859d2271c1ded66485e7 127.0.0.1:7901@17901 myself,master - 0 0 0 connected [5-<-3246363af799b2db30e10050c69a54d7bc25e00b]",
        "3246363af799b2db30e10050c69a54d7bc25e00b :7900@17900 myself,master - 0 0 0 connected",
        "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30002@31002 slave 67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 2 connected",
        "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master,fail? - 1426238316232 1426238316000 2 disconnected 5461-10922",
        "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 10.0.0.1:6379@16379,redis-0.redis,shard-id=abc master - 0 1426238318243 3 connected 10923-16383 0 7 9-10",
        "824fe116063bc5fcf9f4ffd895bc17aee7731ac3 ::1:7000@17000 slave,fail 292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 0 0 6 connected",
        "6ec23923021cf3ffec47632106199cb7f496ce01 2001:db8::1:6379@16379 handshake - 0 0 0 connected",
        "07c37dfeb235213a872192d90877d0cd55635b91 :0@0 master,noaddr - 0 0 0 disconnected",
        "vars currentEpoch 6 lastVoteEpoch 0",
    ];

    [Fact]
    public async Task RandomAndMutatedTextEitherParsesOrRaisesClusterNodesFormatException()
    {
        var outcomes = await Task.Run(RunCases).WaitAsync(TimeSpan.FromMinutes(2));

        // The generator must exercise both outcomes, or the test proves little.
        Assert.True(outcomes.Parsed > Cases / 10 && outcomes.Rejected > Cases / 10, $"parsed {outcomes.Parsed}, rejected {outcomes.Rejected}");
    }

    private static (int Parsed, int Rejected) RunCases()
    {
        var parsed = 0;
        var rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            // One seed per input: a failure names the seed, and new Random(seed) replays exactly that input.
            var seed = BaseSeed + i;
            var text = Generate(new Random(seed));
            var lineCount = text.Split('\n').Length;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var entries = ClusterNodesParser.Parse(text);
                AssertConsistent(entries, seed, text);
                parsed++;
            }
            catch (ClusterNodesFormatException exception)
            {
                Assert.True(exception.LineNumber >= 1 && exception.LineNumber <= lineCount, $"seed {seed}: line {exception.LineNumber} of {lineCount} in {Show(text)}");
                rejected++;
            }
            catch (Exception exception)
            {
                Assert.Fail($"seed {seed}: {exception.GetType().Name} ({exception.Message}) instead of ClusterNodesFormatException for {Show(text)}");
            }

            // The same text as a nodes.conf file (prepare-node's reader): it may only fail with the same exception.
            try
            {
                var file = NodesConfFile.Parse(text);
                Assert.True(file.ToText().Length > 0 && file.Myself.Flags.Contains("myself"), $"seed {seed}: nodes.conf without myself accepted: {Show(text)}");
            }
            catch (ClusterNodesFormatException)
            {
                // Documented rejection.
            }
            catch (Exception exception)
            {
                Assert.Fail($"seed {seed}: NodesConfFile.Parse threw {exception.GetType().Name} ({exception.Message}) instead of ClusterNodesFormatException for {Show(text)}");
            }

            Assert.True(stopwatch.Elapsed < PerInputLimit, $"seed {seed}: parsing took {stopwatch.Elapsed} for {Show(text)}");
        }

        return (parsed, rejected);
    }

    private static string Generate(Random random)
    {
        var lines = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Corpus[random.Next(Corpus.Length)]).ToList();
        var mutations = random.Next(4) == 0 ? 0 : random.Next(1, 4);
        for (var n = 0; n < mutations; n++)
        {
            var index = random.Next(lines.Count);
            lines[index] = Mutate(lines[index], random);
        }

        return string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines) + (random.Next(2) == 0 ? "\n" : "");
    }

    private static string Mutate(string line, Random random)
    {
        var fields = line.Split(' ').ToList();
        var at = random.Next(line.Length + 1);
        var field = random.Next(fields.Count);
        switch (random.Next(8))
        {
            case 0:
                return line[..at] + Alphabet[random.Next(Alphabet.Length)] + line[at..];
            case 1:
                return at < line.Length ? line.Remove(at, 1) : line;
            case 2:
                return at < line.Length ? line[..at] + Alphabet[random.Next(Alphabet.Length)] + line[(at + 1)..] : line;
            case 3:
                return line[..at];
            case 4:
                fields.RemoveAt(field);
                return string.Join(' ', fields);
            case 5:
                fields.Insert(field, fields[random.Next(fields.Count)]);
                return string.Join(' ', fields);
            case 6:
                fields[field] = random.Next(4) switch
                {
                    0 => random.Next(-1, 20000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    1 => $"{random.Next(0, 17000)}-{random.Next(0, 17000)}",
                    2 => $"[{random.Next(0, 17000)}{(random.Next(2) == 0 ? "->-" : "-<-")}{new string('a', random.Next(38, 42))}]",
                    _ => $"{(random.Next(2) == 0 ? "" : "::1")}:{random.Next(0, 70000)}@{random.Next(0, 70000)}",
                };
                return string.Join(' ', fields);
            default:
                var other = random.Next(fields.Count);
                (fields[field], fields[other]) = (fields[other], fields[field]);
                return string.Join(' ', fields);
        }
    }

    private static void AssertConsistent(IReadOnlyList<ClusterNodeEntry> entries, int seed, string text)
    {
        foreach (var entry in entries)
        {
            var where = $"seed {seed}: entry {entry.Id} of {Show(text)}";
            Assert.True(entry.Id.Length == 40 && entry.Id.All(char.IsAsciiHexDigitLower), where);
            Assert.True(entry.Port is >= 0 and <= 65535 && entry.BusPort is >= 0 and <= 65535, where);
            Assert.True(entry.Endpoint is null || entry.Endpoint.Value.Port == entry.Port, where);
            Assert.True(entry.Flags.Count > 0, where);
            Assert.True(entry.MasterId is null || entry.MasterId.Length == 40, where);
            Assert.All(entry.Slots, s => Assert.True(s.Start >= 0 && s.Start <= s.End && s.End < SlotRange.SlotCount, where));
            Assert.All(entry.Migrating.Keys.Concat(entry.Importing.Keys), s => Assert.True(s is >= 0 and < SlotRange.SlotCount, where));
        }
    }

    private static string Show(string text) => "\"" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
