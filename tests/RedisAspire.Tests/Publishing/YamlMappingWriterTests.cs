using RedisAspire.AppHost.Publishing;
using YamlDotNet.Serialization;

namespace RedisAspire.Tests.Publishing;

/// <summary>The YAML the publishers write reads back, through a real YAML parser, as exactly what was written.</summary>
public sealed class YamlMappingWriterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("true")]
    [InlineData("0755")]
    [InlineData("null")]
    [InlineData("a: b # not a comment")]
    [InlineData("quote \" and backslash \\ and tab \t")]
    [InlineData("- leading dash")]
    [InlineData("  leading spaces")]
    [InlineData("${VARIABLE:?message} and $$literal")]
    [InlineData("line one\nline two\n")]
    [InlineData("no final newline\nsecond")]
    [InlineData("two final newlines\n\n")]
    [InlineData("trailing space \nnext\n")]
    [InlineData("  indented first line\nsecond\n")]
    public void StringsReadBackUnchanged(string value)
    {
        var yaml = YamlMappingWriter.Write(new YamlMapping().Add("key", value).Add("list", new List<object> { value, value }));

        var parsed = Parse(yaml);

        Assert.Equal(value, parsed["key"]);
        Assert.Equal([value, value], ((List<object>)parsed["list"]).Cast<string>());
    }

    [Fact]
    public void NestedMappingsSequencesNumbersAndBooleansKeepTheirShapeAndOrder()
    {
        var root = new YamlMapping()
            .Add("services", new YamlMapping()
                .Add("b", new YamlMapping().Add("ports", new List<object> { "1:1" }).Add("count", 3).Add("on", true))
                .Add("a", new YamlMapping()))
            .Add("items", new List<object> { new YamlMapping().Add("name", "x").Add("value", "y"), new List<object>() })
            .Add("key with space", "v");

        var yaml = YamlMappingWriter.Write(root, "a header comment");
        var parsed = Parse(yaml);

        Assert.StartsWith("# a header comment\n", yaml, StringComparison.Ordinal);
        var services = (Dictionary<object, object>)parsed["services"];
        Assert.Equal(["b", "a"], services.Keys.Cast<string>());
        var b = (Dictionary<object, object>)services["b"];
        Assert.Equal("3", b["count"]);
        Assert.Equal("true", b["on"]);
        Assert.Contains("count: 3\n", yaml, StringComparison.Ordinal);
        Assert.Empty((Dictionary<object, object>)services["a"]);
        var items = (List<object>)parsed["items"];
        Assert.Equal("y", ((Dictionary<object, object>)items[0])["value"]);
        Assert.Empty((List<object>)items[1]);
        Assert.Equal("v", parsed["key with space"]);
    }

    private static Dictionary<object, object> Parse(string yaml) =>
        (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(yaml)!;
}
