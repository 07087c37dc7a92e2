using RedisAspire.Hosting;
using System.Runtime.InteropServices;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The redis.conf AppHost writes for each node.</summary>
public sealed class RedisConfigWriterTests
{
    private const string Password = "s3cret-Pa55word";

    private static readonly RedisNode Node = new(3, "redis-3", "127.0.0.1", 7003, 17003, "/state/redis-3");

    private static readonly RedisClusterOptions Options = new() { NodeTimeout = TimeSpan.FromMilliseconds(2500) };

    [Fact]
    public void WritesEveryRequiredLine()
    {
        var lines = Render(Password);

        Assert.Contains("port 7003", lines);
        Assert.Contains("bind 127.0.0.1", lines);
        Assert.Contains("cluster-announce-ip 127.0.0.1", lines);
        Assert.Contains("cluster-enabled yes", lines);
        Assert.Contains("cluster-config-file nodes.conf", lines);
        Assert.Contains("cluster-node-timeout 2500", lines);
        Assert.Contains("appendonly yes", lines);
        Assert.Contains("dir \"/state/redis-3\"", lines);
        Assert.Contains($"requirepass \"{Password}\"", lines);
        Assert.Contains($"masterauth \"{Password}\"", lines);
        Assert.Contains("repl-diskless-sync-delay 0", lines);
        Assert.Contains("protected-mode yes", lines);
        Assert.Contains("logfile \"\"", lines);
        Assert.Contains("daemonize no", lines);
    }

    [Fact]
    public void ContainerNodeListensOnEveryInterfaceOfItsNamespaceAndAnnouncesTheHostAddressAndBothPorts()
    {
        var node = Node with { Host = "192.0.2.2" };
        var lines = RedisConfigWriter.Render(node, Options, ClusterCredentials.PasswordOnly(Password), Architecture.X64, container: true)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("port 7003", lines);
        Assert.Contains("bind 0.0.0.0", lines);
        Assert.Contains("cluster-announce-ip 192.0.2.2", lines);
        Assert.Contains("cluster-announce-port 7003", lines);
        Assert.Contains("cluster-announce-bus-port 17003", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("bind 192.0.2.2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost/redisaspire/redis")]
    [InlineData("localhost/redisaspire/redis:latest")]
    [InlineData("localhost:5000/redisaspire/redis")]
    public void ContainerImageWithoutAPinnedTagIsRefused(string image)
    {
        var ex = Assert.Throws<Aspire.Hosting.DistributedApplicationException>(() => RedisAspire.Hosting.Containers.ContainerNodes.SplitImage(image));

        Assert.Contains("must name a pinned tag", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerImageIsSplitIntoRepositoryAndTag() =>
        Assert.Equal(("localhost:5000/redisaspire/redis", "7.0.15"), RedisAspire.Hosting.Containers.ContainerNodes.SplitImage("localhost:5000/redisaspire/redis:7.0.15"));

    [Fact]
    public void PasswordAppearsOnlyInRequirepassAndMasterauth()
    {
        var withPassword = Render(Password).Where(line => line.Contains(Password, StringComparison.Ordinal));

        Assert.Equal([$"requirepass \"{Password}\"", $"masterauth \"{Password}\""], withPassword);
    }

    [Fact]
    public void EmptyPasswordWritesNoAuthLines()
    {
        var lines = Render("");

        Assert.DoesNotContain(lines, line => line.StartsWith("requirepass", StringComparison.Ordinal) || line.StartsWith("masterauth", StringComparison.Ordinal));
    }

    [Fact]
    public void NodeTimeoutIsWrittenInWholeMilliseconds()
    {
        var options = new RedisClusterOptions { NodeTimeout = TimeSpan.FromSeconds(15) };

        var text = RedisConfigWriter.Render(Node, options, ClusterCredentials.PasswordOnly(Password), Architecture.X64);

        Assert.Contains("cluster-node-timeout 15000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKeyIsWrittenOnce()
    {
        var keys = RedisConfigWriter.Render(Node, Options, Acl, Architecture.X64).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#')).Select(line => line.StartsWith("user ", StringComparison.Ordinal) ? string.Join(' ', line.Split(' ')[..2]) : line.Split(' ')[0]).ToList();

        Assert.Equal(keys.Distinct().Count(), keys.Count);
    }

    [Fact]
    public void SameInputsGiveTheSameText()
    {
        Assert.Equal(
            RedisConfigWriter.Render(Node, Options, Acl, Architecture.X64),
            RedisConfigWriter.Render(Node, Options, Acl, Architecture.X64));
    }

    [Fact]
    public void Arm64IgnoresTheCopyOnWriteWarning()
    {
        Assert.Contains("ignore-warnings ARM64-COW-BUG", Render(Password, Architecture.Arm64));
        Assert.DoesNotContain("ignore-warnings ARM64-COW-BUG", Render(Password));
    }

    [Fact]
    public void Ipv6NodeBindsAndAnnouncesTheBareAddress()
    {
        var node = new RedisNode(0, "redis-0", "::1", 7000, 17000, "/state/redis-0");

        var lines = RedisConfigWriter.Render(node, Options, Acl, Architecture.X64).Split('\n');

        Assert.Contains("bind ::1", lines);
        Assert.Contains("cluster-announce-ip ::1", lines);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("with \"quote\"", "\"with \\\"quote\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("/path with space/redis-0", "\"/path with space/redis-0\"")]
    public void QuotesValuesTheWayRedisParsesThem(string value, string expected)
    {
        Assert.Equal(expected, RedisConfigWriter.Quote(value));
    }

    [Fact]
    public void AclWritesThreeUsersWithHashedPasswordsTurnsTheDefaultUserOffAndReplicatesAsTheReplicationUser()
    {
        var lines = RedisConfigWriter.Render(Node, Options, Acl, Architecture.X64).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("user default reset off", lines);
        Assert.Contains(lines, l => l.StartsWith($"user app reset on {RedisAcl.Secret("app-pw")} ~* resetchannels -@all ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains('&', StringComparison.Ordinal) && l.StartsWith("user app ", StringComparison.Ordinal));
        Assert.Contains($"user admin reset on {RedisAcl.Secret("admin-pw")} ~* &* +@all", lines);
        Assert.Contains($"user replication reset on {RedisAcl.Secret("replication-pw")} resetchannels -@all +psync +replconf +ping", lines);
        Assert.Contains("masteruser replication", lines);
        Assert.Contains("masterauth \"replication-pw\"", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("requirepass", StringComparison.Ordinal));
    }

    [Fact]
    public void AclPutsOnlyTheReplicationPasswordInClearAndOnlyInMasterauth()
    {
        var text = RedisConfigWriter.Render(Node, Options, Acl, Architecture.X64);

        Assert.DoesNotContain("app-pw", text, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-pw", text, StringComparison.Ordinal);
        Assert.Equal(["masterauth \"replication-pw\""], text.Split('\n').Where(l => l.Contains("replication-pw", StringComparison.Ordinal)));
    }

    [Fact]
    public void SecretIsTheSha256OfThePassword()
    {
        // sha256("password"), as `echo -n password | sha256sum` prints it.
        Assert.Equal("#5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", RedisAcl.Secret("password"));
        Assert.Equal("nopass", RedisAcl.Secret(""));
    }

    [Fact]
    public void TlsClosesThePlainPortAndSecuresClientsBusAndReplication()
    {
        var options = new RedisClusterOptions { Tls = true };

        var lines = RedisConfigWriter.Render(Node, options, Acl, Architecture.X64).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("port 0", lines);
        Assert.Contains("tls-port 7003", lines);
        Assert.Contains("tls-cert-file \"/state/redis-3/tls.crt\"", lines);
        Assert.Contains("tls-key-file \"/state/redis-3/tls.key\"", lines);
        Assert.Contains("tls-ca-cert-file \"/state/redis-3/tls-ca.crt\"", lines);
        Assert.Contains("tls-cluster yes", lines);
        Assert.Contains("tls-replication yes", lines);
        Assert.Contains("tls-auth-clients optional", lines);
        Assert.DoesNotContain("port 7003", lines);
    }

    private static ClusterCredentials Acl => new(true, "app-pw", "admin-pw", "replication-pw");

    private static string[] Render(string password, Architecture architecture = Architecture.X64) =>
        RedisConfigWriter.Render(Node, Options, ClusterCredentials.PasswordOnly(password), architecture).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
