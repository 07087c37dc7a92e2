using RedisAspire.AppHost.Publishing;
using YamlDotNet.Serialization;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// One run of the AppHost's <c>publish-compose</c> step into a temporary folder, with the written YAML read back as plain
/// dictionaries, lists and strings. Disposing removes the folder.
/// </summary>
public sealed class PublishedCompose : IDisposable
{
    private PublishedCompose(string directory, int exitCode)
    {
        Directory = directory;
        ExitCode = exitCode;
    }

    public string Directory { get; }

    public int ExitCode { get; }

    public string ComposePath => Path.Combine(Directory, ComposeGenerator.FileName);

    public string EnvironmentPath => Path.Combine(Directory, ComposeEnvironmentFile.FileName);

    public string ConfigPath => Path.Combine(Directory, ComposeGenerator.ConfigFileName);

    public string ComposeText => File.ReadAllText(ComposePath);

    /// <summary>The compose file, parsed.</summary>
    public Dictionary<object, object> Document => (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(ComposeText)!;

    public Dictionary<object, object> Services => Map(Document["services"]);

    /// <summary>Publishes into a new temporary folder with <paramref name="settings"/> (<c>--Section:Key=value</c>).</summary>
    public static PublishedCompose Publish(params string[] settings) => PublishInto(NewDirectory(), settings);

    /// <summary>Publishes into <paramref name="directory"/> (which may hold an earlier publish).</summary>
    public static PublishedCompose PublishInto(string directory, params string[] settings)
    {
        var exitCode = AppHostPublisher.Step(PublishingSteps.Compose, directory, settings);
        return new PublishedCompose(directory, exitCode);
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), $"redisaspire-compose-{Guid.NewGuid():N}");

    public Dictionary<object, object> Service(string name) => Map(Services[name]);

    public static Dictionary<object, object> Map(object value) => Assert.IsType<Dictionary<object, object>>(value);

    public static List<string> Strings(object value) => [.. Assert.IsType<List<object>>(value).Cast<string>()];

    /// <summary>What a process in the container receives for a value Compose passes literally (<c>$$</c> is one <c>$</c>).</summary>
    public static string Unescape(string value) => value.Replace("$$", "$", StringComparison.Ordinal);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
