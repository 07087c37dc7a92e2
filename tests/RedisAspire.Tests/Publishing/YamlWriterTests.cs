using System.Text.Json.Nodes;
using RedisAspire.AppHost.Publishing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace RedisAspire.Tests.Publishing;

/// <summary>The YAML writer: every string reads back unchanged, and nothing that is a string can be read as a number or boolean.</summary>
public sealed class YamlWriterTests
{
    [Theory]
    [InlineData("plain-text")]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("6379")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData(".5")]
    [InlineData("100m")]
    [InlineData("-c")]
    [InlineData("a: b")]
    [InlineData("#comment")]
    [InlineData("$(POD_IP)")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("set -eu\nexec redis-server \"$X\"\n")]
    [InlineData("no final newline\nsecond line")]
    [InlineData("trailing space \nsecond")]
    [InlineData(" leading space\nsecond\n")]
    [InlineData("two final newlines\n\n")]
    [InlineData("tab\tinside\nsecond")]
    [InlineData("ünïcode ✓")]
    [InlineData("emoji \U0001F600 and bell \u0007 and DEL \u007f")]
    [InlineData("[ \"$$(redis-cli ping)\" = PONG ]")]
    [InlineData("plain")]
    [InlineData("true")]
    [InlineData("0755")]
    [InlineData("a: b # not a comment")]
    [InlineData("quote \" and backslash \\ and tab \t")]
    [InlineData("- leading dash")]
    [InlineData("  leading spaces")]
    [InlineData("${VARIABLE:?message} and $$literal")]
    [InlineData("line one\nline two\n")]
    [InlineData("  indented first line\nsecond\n")]
    public void EveryStringReadsBackUnchangedAsAString(string value)
    {
        var yaml = YamlWriter.Write([new JsonObject { ["key"] = value, ["list"] = new JsonArray(value) }]);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        foreach (var scalar in new[] { (YamlScalarNode)root["key"], (YamlScalarNode)((YamlSequenceNode)root["list"])[0] })
        {
            Assert.Equal(value, scalar.Value);
            var couldBeAnotherType = value.Length == 0 || char.IsAsciiDigit(value[0]) || value[0] is '.' or '~' || value.ToUpperInvariant() is "YES" or "NO" or "NULL" or "TRUE";
            Assert.False(couldBeAnotherType && scalar.Style == ScalarStyle.Plain, $"'{value}' was written plain:\n{yaml}");
        }
    }

    [Fact]
    public void QuotedStringsStayReadableAndEscapeOnlyWhatYamlCannotCarry()
    {
        var yaml = YamlWriter.Write([new JsonObject { ["a"] = "say \"hi\" ✓", ["b"] = "x\u0001y" }]);

        Assert.Equal("a: \"say \\\"hi\\\" ✓\"\nb: \"x\\u0001y\"\n", yaml);
    }

    [Fact]
    public void NumbersAndBooleansArePlainReservedKeysAreQuotedAndEmptyCollectionsAreFlow()
    {
        var yaml = YamlWriter.Write([new JsonObject { ["count"] = 6, ["on"] = true, ["map"] = new JsonObject(), ["list"] = new JsonArray() }]);

        Assert.Equal("count: 6\n\"on\": true\nmap: {}\nlist: []\n", yaml);
    }

    [Fact]
    public void DocumentsAreSeparatedAndNestedListsOfMapsAreCompact()
    {
        var yaml = YamlWriter.Write([
            new JsonObject { ["a"] = new JsonArray(new JsonObject { ["name"] = "x", ["v"] = 1 }) },
            new JsonObject { ["b"] = "c" },
        ]);

        Assert.Equal("a:\n- name: x\n  v: 1\n---\nb: c\n", yaml);
    }

    [Fact]
    public void NestedMappingsSequencesNumbersAndBooleansKeepTheirShapeOrderAndHeader()
    {
        var root = new JsonObject
        {
            ["services"] = new JsonObject
            {
                ["b"] = new JsonObject { ["ports"] = new JsonArray("1:1"), ["count"] = 3, ["on"] = true },
                ["a"] = new JsonObject(),
            },
            ["items"] = new JsonArray(new JsonObject { ["name"] = "x", ["value"] = "y" }, new JsonArray()),
            ["key with space"] = "v",
        };

        var yaml = YamlWriter.Write([root], "a header comment");
        var parsed = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(yaml)!;

        Assert.StartsWith("# a header comment\n", yaml, StringComparison.Ordinal);
        var services = (Dictionary<object, object>)parsed["services"];
        Assert.Equal(["b", "a"], services.Keys.Cast<string>());
        var b = (Dictionary<object, object>)services["b"];
        Assert.Equal("1:1", Assert.Single((List<object>)b["ports"]));
        Assert.Equal("3", b["count"]);
        Assert.Equal("true", b["on"]);
        Assert.Contains("count: 3\n", yaml, StringComparison.Ordinal);
        Assert.Empty((Dictionary<object, object>)services["a"]);
        var items = (List<object>)parsed["items"];
        Assert.Equal("y", ((Dictionary<object, object>)items[0])["value"]);
        Assert.Empty((List<object>)items[1]);
        Assert.Equal("v", parsed["key with space"]);
    }

    [Fact]
    public void MultiLineHeaderLinesAreRefused() =>
        Assert.Throws<ArgumentException>(() => YamlWriter.Write([new JsonObject { ["a"] = 1 }], "one\ntwo"));
}
