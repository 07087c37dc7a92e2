using System.Runtime.Versioning;
using RedisAspire.Cluster.NodesConf;

namespace RedisAspire.Tests.Unit;

/// <summary><c>prepare-node</c> on real temporary nodes.conf files: what it rewrites, what it keeps byte for byte, and its exit codes.</summary>
public sealed class PrepareNodeCommandTests : IDisposable
{
    private const string IdA = "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca";
    private const string IdB = "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1";
    private const string IdC = "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f";
    private const string IdD = "6ec23923021cf3ffec47632106199cb7f496ce01";

    // As Redis 7.0 writes it: a migrating slot, a failed peer without address, a hostname, the vars line last.
    private static readonly string NodesConfOfA = string.Join('\n',
        $"{IdA} 127.0.0.1:7000@17000,redis-0.redis myself,master - 0 1700000000000 1 connected 0-5460 [93->-{IdB}]",
        $"{IdB} 127.0.0.1:7001@17001,redis-1.redis master - 0 1700000000457 2 connected 5461-10922",
        $"{IdC} 127.0.0.1:7002@17002 slave {IdA} 0 1700000001000 1 connected",
        $"{IdD} :0@0 master,fail,noaddr - 1700000000000 1699999990000 4 disconnected",
        "vars currentEpoch 6 lastVoteEpoch 0",
        "");

    private static readonly string NodesConfOfB = string.Join('\n',
        $"{IdA} 127.0.0.1:7000@17000,redis-0.redis master - 0 1700000000000 1 connected 0-5460",
        $"{IdB} 127.0.0.1:7001@17001,redis-1.redis myself,master - 0 1700000000457 2 connected 5461-10922 [93-<-{IdA}]",
        $"{IdC} 127.0.0.1:7002@17002 slave {IdA} 0 1700000001000 1 connected",
        "vars currentEpoch 6 lastVoteEpoch 2",
        "");

    private readonly string _folder = Directory.CreateTempSubdirectory("redisaspire-prepare-node-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void RewritesOnlyTheOwnAddressAndKeepsEveryOtherByte()
    {
        var path = Write("a", NodesConfOfA);

        var exitCode = Run("--node", $"{path}=10.1.0.10:7000@17000");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            NodesConfOfA.Replace($"{IdA} 127.0.0.1:7000@17000,redis-0.redis", $"{IdA} 10.1.0.10:7000@17000,redis-0.redis", StringComparison.Ordinal),
            File.ReadAllText(path));
        Assert.Contains(IdA[..8], _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsThePreviousFileAsBak()
    {
        var path = Write("a", NodesConfOfA);

        Assert.Equal(0, Run("--node", $"{path}=10.1.0.10:7000@17000"));

        Assert.Equal(NodesConfOfA, File.ReadAllText(path + ".bak"));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void KeepsTheFileModeOfTheNodesConfItReplaces()
    {
        var path = Write("a", NodesConfOfA);
        const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, Mode);

        Assert.Equal(0, Run("--node", $"{path}=10.1.0.10:7000@17000"));

        Assert.Equal(Mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void EveryNodeLearnsThePeersAddressesFromSeveralNodePairsAndPeerOptions()
    {
        var a = Write("a", NodesConfOfA);
        var b = Write("b", NodesConfOfB);

        var exitCode = Run(
            "--node", $"{a}=10.1.0.10:7000@17000",
            "--node", $"{b}=10.1.0.11:7001",
            "--peer", $"{IdC}=10.1.0.12:7002@27002");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            string.Join('\n',
                $"{IdA} 10.1.0.10:7000@17000,redis-0.redis myself,master - 0 1700000000000 1 connected 0-5460 [93->-{IdB}]",
                $"{IdB} 10.1.0.11:7001@17001,redis-1.redis master - 0 1700000000457 2 connected 5461-10922",
                $"{IdC} 10.1.0.12:7002@27002 slave {IdA} 0 1700000001000 1 connected",
                $"{IdD} :0@0 master,fail,noaddr - 1700000000000 1699999990000 4 disconnected",
                "vars currentEpoch 6 lastVoteEpoch 0",
                ""),
            File.ReadAllText(a));
        Assert.Equal(
            string.Join('\n',
                $"{IdA} 10.1.0.10:7000@17000,redis-0.redis master - 0 1700000000000 1 connected 0-5460",
                $"{IdB} 10.1.0.11:7001@17001,redis-1.redis myself,master - 0 1700000000457 2 connected 5461-10922 [93-<-{IdA}]",
                $"{IdC} 10.1.0.12:7002@27002 slave {IdA} 0 1700000001000 1 connected",
                "vars currentEpoch 6 lastVoteEpoch 2",
                ""),
            File.ReadAllText(b));
    }

    [Theory]
    [InlineData("[::1]:7000@17000")]
    [InlineData("::1:7000@17000")]
    [InlineData("[::1]:7000")]
    public void WritesAnIPv6AddressUnbracketedAsRedisDoes(string address)
    {
        var path = Write("a", NodesConfOfA);

        Assert.Equal(0, Run("--node", $"{path}={address}"));

        Assert.StartsWith($"{IdA} ::1:7000@17000,redis-0.redis myself,master - 0 ", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void DropsTheNoaddrFlagWhenItSetsAnAddressAndKeepsTheOtherFlags()
    {
        var path = Write("a", NodesConfOfA);

        Assert.Equal(0, Run("--node", $"{path}=127.0.0.1:7000@17000", "--peer", $"{IdD}=10.1.0.13:7003@17003"));

        Assert.Contains(
            $"\n{IdD} 10.1.0.13:7003@17003 master,fail - 1700000000000 1699999990000 4 disconnected\n",
            File.ReadAllText(path),
            StringComparison.Ordinal);
    }

    [Fact]
    public void SecondRunWithTheSameAddressesWritesNothing()
    {
        var path = Write("a", NodesConfOfA);
        string[] arguments = ["--node", $"{path}=10.1.0.10:7000@17000", "--peer", $"{IdB}=10.1.0.11:7001@17001"];
        Assert.Equal(0, Run(arguments));
        var rewritten = File.ReadAllText(path);
        var written = DateTime.UnixEpoch.AddDays(1);
        File.SetLastWriteTimeUtc(path, written);
        File.SetLastWriteTimeUtc(path + ".bak", written);

        var exitCode = Run(arguments);

        Assert.Equal(0, exitCode);
        Assert.Equal(rewritten, File.ReadAllText(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal(NodesConfOfA, File.ReadAllText(path + ".bak"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path + ".bak"));
        Assert.Contains("already has these addresses", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatAlreadyHasTheAddressesIsNotWrittenAtAll()
    {
        var path = Write("a", NodesConfOfA);

        Assert.Equal(0, Run("--node", $"{path}=127.0.0.1:7000@17000", "--peer", $"{IdC}=127.0.0.1:7002@17002"));

        Assert.Equal(NodesConfOfA, File.ReadAllText(path));
        Assert.False(File.Exists(path + ".bak"), "a .bak was written although nothing changed");
    }

    [Theory]
    [InlineData("this is not a nodes.conf\n")]
    [InlineData($"{IdA} 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460 99999\n")]
    [InlineData($"{IdA} 127.0.0.1:7000@17000 master - 0 0 1 connected 0-5460\nvars currentEpoch 1 lastVoteEpoch 0\n")]
    [InlineData($"{IdA} 127.0.0.1:7000 myself,master - 0 0 1 connected\n")]
    public void MalformedFileExitsOneAndIsLeftUntouched(string text)
    {
        var path = Write("a", text);
        var peer = Write("b", NodesConfOfB);

        var exitCode = Run("--node", $"{peer}=10.1.0.11:7001@17001", "--node", $"{path}=10.1.0.10:7000@17000");

        Assert.Equal(1, exitCode);
        Assert.Equal(text, File.ReadAllText(path));
        Assert.Equal(NodesConfOfB, File.ReadAllText(peer));
        Assert.False(File.Exists(path + ".bak"), "a .bak was written for a file that does not parse");
        Assert.Contains(path, _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileOfANewNodeExitsZeroAndCreatesNothing()
    {
        var path = Path.Combine(_folder, "new", "nodes.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var exitCode = Run("--node", $"{path}=10.1.0.10:7000@17000");

        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(path));
        Assert.Contains("does not exist", _output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--node")]
    [InlineData("--bogus", "x")]
    [InlineData("--node", "nodes.conf")]
    [InlineData("--node", "nodes.conf=10.1.0.10")]
    [InlineData("--node", "nodes.conf=10.1.0.10:70000")]
    [InlineData("--node", "nodes.conf=10.1.0.10:7000@0")]
    [InlineData("--node", "nodes.conf=10.1.0.10:60000")]
    [InlineData("--peer", IdB + "=10.1.0.11:7001")]
    [InlineData("--node", "nodes.conf=10.1.0.10:7000", "--peer", "redis-1=10.1.0.11:7001")]
    [InlineData("--node", "nodes.conf=10.1.0.10:7000", "--peer", "67ED2DB8D677E59EC4A4CEFB06858CF2A1A89FA1=10.1.0.11:7001")]
    public void BadArgumentsExitTwoWithUsage(params string[] arguments)
    {
        var exitCode = Run(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(PrepareNodeCommand.Usage, _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private int Run(params string[] arguments) => PrepareNodeCommand.Run(arguments, _output, _error);

    private string Write(string node, string text)
    {
        var path = Path.Combine(_folder, node, "nodes.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
