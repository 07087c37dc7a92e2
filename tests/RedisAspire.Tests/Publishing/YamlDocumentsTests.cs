using System.Text.Json.Nodes;
using RedisAspire.AppHost.Publishing;
using YamlDotNet.RepresentationModel;

namespace RedisAspire.Tests.Publishing;

/// <summary>The YAML the publishing steps write: read back by an independent parser, every value as it was meant.</summary>
public sealed class YamlDocumentsTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("off")]
    [InlineData("7000:7000")]
    [InlineData("0755")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("${REDIS_PASSWORD:?REDIS_PASSWORD must be set in .env}")]
    [InlineData("set -eu\nexec redis-server \"$X\" # not a comment\n")]
    [InlineData("say \"hi\" ✓ \\ {x}: [y]")]
    public void StringsAreQuotedAndComeBackUnchanged(string value)
    {
        var yaml = YamlDocuments.Write([new JsonObject { ["key"] = value, ["list"] = new JsonArray(value) }]);

        var root = Load(yaml).Single();
        var scalar = Assert.IsType<YamlScalarNode>(root.Get("key"));
        Assert.Equal(value, scalar.Value);
        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, scalar.Style);
        Assert.Equal(value, root.Get("list").Texts().Single());
    }

    [Fact]
    public void NumbersAndBooleansArePlainAndEmptyCollectionsStayEmpty()
    {
        var yaml = YamlDocuments.Write([new JsonObject { ["count"] = 6, ["on"] = true, ["map"] = new JsonObject(), ["list"] = new JsonArray() }]);

        var root = Load(yaml).Single();
        Assert.Equal(6, root.Get("count").Int());
        Assert.Equal(("true", YamlDotNet.Core.ScalarStyle.Plain), (root.Get("on").Text(), ((YamlScalarNode)root.Get("on")).Style));
        Assert.Empty(Assert.IsType<YamlMappingNode>(root.Get("map")).Children);
        Assert.Empty(root.Get("list").Items());
    }

    [Fact]
    public void DocumentsKeepTheirOrderAndTheHeaderIsComments()
    {
        var yaml = YamlDocuments.Write([new JsonObject { ["b"] = 1, ["a"] = 2 }, new JsonObject { ["kind"] = "Service" }], "a header comment");

        Assert.StartsWith("# a header comment\n", yaml, StringComparison.Ordinal);
        var documents = Load(yaml);
        Assert.Equal(2, documents.Count);
        Assert.Equal(["b", "a"], ((YamlMappingNode)documents[0]).Children.Keys.Select(k => k.Text()));
        Assert.Equal("Service", documents[1].Get("kind").Text());
    }

    [Fact]
    public void AHeaderLineMustBeOneLine()
    {
        Assert.Throws<ArgumentException>(() => YamlDocuments.Write([new JsonObject { ["a"] = 1 }], "one\ntwo"));
    }

    private static List<YamlNode> Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => d.RootNode)];
    }
}
