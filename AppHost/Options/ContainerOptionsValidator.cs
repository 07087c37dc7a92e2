using System.Net;
using System.Net.Sockets;
using RedisAspire.AppHost.Containers;

namespace RedisAspire.AppHost.Options;

/// <summary>Checks the <c>Container</c> section; every message names the key to fix.</summary>
internal static class ContainerOptionsValidator
{
    public static IReadOnlyList<string> Validate(ContainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var runtime = options.Runtime.Trim();
        if (runtime.Length > 0 && Path.GetFileName(runtime) is not ("docker" or "podman"))
        {
            errors.Add($"Container:Runtime '{options.Runtime}' is not supported; use docker or podman (a name on PATH or a full path), or leave it empty to try docker, then podman.");
        }

        ValidateImage(options.Image, errors);
        try
        {
            ShellWords.Split(options.RunArgs);
        }
        catch (FormatException ex)
        {
            errors.Add($"Container:RunArgs cannot be split into arguments ({ex.Message}); quote like a shell, e.g. --ulimit nofile=10000:10000 --label 'a=b c'.");
        }

        var bridge = options.Network == ContainerNetwork.Bridge;
        if (options.AnnounceIp.Length > 0)
        {
            if (!bridge)
            {
                errors.Add("Container:AnnounceIp applies to Container:Network=bridge only; with host networking the nodes announce Cluster:AnnounceIp, with shared networking 127.0.0.1.");
            }
            else if (!IPAddress.TryParse(options.AnnounceIp, out var address) || address.AddressFamily != AddressFamily.InterNetwork
                || address.Equals(IPAddress.Any) || address.Equals(IPAddress.Broadcast))
            {
                errors.Add($"Container:AnnounceIp '{options.AnnounceIp}' is not a usable IPv4 address; use an address of this machine that the host and the containers reach, or leave it empty for the network's gateway.");
            }
        }

        if (options.Subnet.Length > 0)
        {
            if (!bridge)
            {
                errors.Add("Container:Subnet applies to Container:Network=bridge only.");
            }
            else if (!BridgeSubnet.TryParse(options.Subnet, out _))
            {
                errors.Add($"Container:Subnet '{options.Subnet}' is not an IPv4 subnet from /8 to /28, e.g. 10.213.7.0/24; leave it empty to pick a free one.");
            }
        }

        OptionsValidator.RequirePositive(options.DetectTimeout, "Container:DetectTimeout", errors);
        OptionsValidator.RequirePositive(options.CommandTimeout, "Container:CommandTimeout", errors);
        return errors;
    }

    private static void ValidateImage(string image, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace))
        {
            errors.Add($"Container:Image '{image}' is not an image name; use a name with a pinned tag, e.g. {ContainerImages.Redis}.");
            return;
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var tag = lastSegment.Contains(':', StringComparison.Ordinal) ? lastSegment[(lastSegment.IndexOf(':', StringComparison.Ordinal) + 1)..] : "";
        if (!image.Contains("@sha256:", StringComparison.Ordinal) && (tag.Length == 0 || tag == "latest"))
        {
            errors.Add($"Container:Image '{image}' has no pinned tag; name a version (e.g. {ContainerImages.Redis} or docker.io/library/redis:7.0.15), never latest, so every run uses the same Redis.");
        }
    }
}
