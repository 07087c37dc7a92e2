using System.Text.Json;

namespace RedisAspire.AppHost.Containers;

/// <summary>A container runtime that answered <c>info</c>: its CLI and the facts that change how containers are run.</summary>
/// <param name="Executable">The CLI as configured or found (<c>podman</c>, <c>/usr/bin/docker</c>).</param>
/// <param name="Kind">The engine behind it.</param>
/// <param name="Version">Server version as reported; empty when unknown.</param>
/// <param name="Rootless">Container root is the calling user (rootless podman or docker): files it writes belong to that user.</param>
/// <param name="SelinuxEnabled">Bind mounts need the <c>:Z</c> label to be writable.</param>
public sealed record ContainerRuntimeInfo(string Executable, ContainerRuntimeKind Kind, string Version, bool Rootless, bool SelinuxEnabled)
{
    /// <summary>The CLI's name without its folder, for messages: <c>podman</c>.</summary>
    public string Name => Path.GetFileName(Executable);

    /// <summary>Reads <c>podman info --format json</c> or <c>docker info --format '{{json .}}'</c> output, whatever the CLI was called.</summary>
    /// <exception cref="JsonException">The text is not such JSON.</exception>
    public static ContainerRuntimeInfo Parse(string executable, string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("info is not a JSON object");
        }

        if (root.TryGetProperty("host", out var host) && host.ValueKind == JsonValueKind.Object)
        {
            var security = host.TryGetProperty("security", out var s) ? s : default;
            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Object ? Text(v, "Version") : "";
            return new(executable, ContainerRuntimeKind.Podman, version, Flag(security, "rootless"), Flag(security, "selinuxEnabled"));
        }

        var options = root.TryGetProperty("SecurityOptions", out var o) && o.ValueKind == JsonValueKind.Array
            ? o.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : [];
        return new(
            executable,
            ContainerRuntimeKind.Docker,
            Text(root, "ServerVersion"),
            options.Any(x => x.Contains("name=rootless", StringComparison.Ordinal)),
            options.Any(x => x.Contains("name=selinux", StringComparison.Ordinal)));
    }

    private static bool Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
