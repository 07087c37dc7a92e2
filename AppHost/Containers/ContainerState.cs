using System.Globalization;
using System.Text.Json;

namespace RedisAspire.AppHost.Containers;

/// <summary>One container as <c>inspect</c> reports it (docker and podman agree on these fields).</summary>
public sealed record ContainerState(string Id, string Name, bool Running, IReadOnlyDictionary<string, string> Labels)
{
    private const string LabelsProperty = "Labels";
    private const string RunningProperty = "Running";

    /// <summary>Reads the JSON array <c>inspect &lt;id&gt;…</c> prints; docker's leading <c>/</c> is dropped from names.</summary>
    /// <exception cref="JsonException">The text is not such an array.</exception>
    public static IReadOnlyList<ContainerState> ParseInspect(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("inspect did not print a JSON array");
        }

        var states = new List<ContainerState>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("Config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty(LabelsProperty, out var labelObject) && labelObject.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in labelObject.EnumerateObject())
                {
                    labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString() ?? "" : label.Value.ToString();
                }
            }

            var running = item.TryGetProperty("State", out var state) && state.ValueKind == JsonValueKind.Object
                && state.TryGetProperty(RunningProperty, out var flag) && flag.ValueKind == JsonValueKind.True;
            states.Add(new ContainerState(Text(item, "Id"), Text(item, "Name").TrimStart('/'), running, labels));
        }

        return states;
    }

    /// <summary>The <see cref="ContainerLabels.Owner"/> label split into host name and process id; null when absent or malformed.</summary>
    public (string Host, int ProcessId)? Owner =>
        Labels.TryGetValue(ContainerLabels.Owner, out var owner) && owner.LastIndexOf('/') is var slash and > 0
            && int.TryParse(owner.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? (owner[..slash], pid)
            : null;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
