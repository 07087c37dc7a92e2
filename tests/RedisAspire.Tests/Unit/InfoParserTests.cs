using RedisAspire.Cluster.Inspection;

namespace RedisAspire.Tests.Unit;

public class InfoParserTests
{
    [Fact]
    public void ParsesInfoSectionsWithCrlfAndComments()
    {
        var fields = InfoParser.Parse("# Replication\r\nrole:slave\r\nmaster_host:::1\r\nmaster_port:7000\r\nmaster_link_status:up\r\n\r\n# Cluster\r\ncluster_enabled:1\r\n");

        Assert.Equal("slave", fields["role"]);
        Assert.Equal("::1", fields["master_host"]);
        Assert.Equal("up", fields["master_link_status"]);
        Assert.Equal("1", fields["cluster_enabled"]);
        Assert.Equal(5, fields.Count);
    }

    [Fact]
    public void KeepsEmptyValuesAndIgnoresLinesWithoutKey()
    {
        var fields = InfoParser.Parse("cluster_state:\n:orphan\nnot a field\n");

        Assert.Equal("", fields["cluster_state"]);
        Assert.Single(fields);
    }
}
