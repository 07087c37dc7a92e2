using RedisAspire.Hosting.Publishing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// The <c>publish-compose</c> step: writes <c>docker-compose.yaml</c> (from the application model), the shared
/// <c>redis.conf</c> and <c>.env</c> (0600) into a folder. Publishing again over the same folder keeps the stored
/// password and announce address.
/// </summary>
public static class ComposePublisher
{
    /// <summary>Writes the three files and returns their paths.</summary>
    public static IReadOnlyList<string> Write(PublishedApplication application, PublishInputs inputs, string directory)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var publish = inputs.Publish;
        var environmentPath = Path.Combine(directory, ComposeEnvironmentFile.FileName);
        var password = ComposeEnvironmentFile.ResolvePassword(environmentPath, inputs.Password);
        var announceIp = ResolveAnnounceIp(publish.AnnounceIp, environmentPath);

        var composePath = Path.Combine(directory, ComposeGenerator.FileName);
        var compose = ComposeGenerator.Generate(application, publish, inputs.SampleApi, inputs.Otlp);
        PublishingSteps.WriteAtomically(composePath, compose);
        var configPath = Path.Combine(directory, ComposeGenerator.ConfigFileName);
        PublishingSteps.WriteAtomically(configPath, PublishedNode.RenderConfig(application.Cluster.Options));
        ComposeEnvironmentFile.Write(environmentPath, password, announceIp, PortNotes(application.Cluster.Options, inputs.SampleApi));
        return [composePath, configPath, environmentPath];
    }

    /// <summary>
    /// Publish:AnnounceIp when set, else the address a previous publish stored in <c>.env</c>, else this machine's
    /// primary IPv4 address. Loopback and non-IPv4 addresses are refused with the reason.
    /// </summary>
    public static string ResolveAnnounceIp(string configured, string environmentPath)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentException.ThrowIfNullOrEmpty(environmentPath);
        if (configured.Length > 0)
        {
            return Check(configured, "Publish:AnnounceIp");
        }

        if (File.Exists(environmentPath) && ComposeEnvironmentFile.ReadVariable(environmentPath, ComposeEnvironmentFile.AnnounceIpVariable) is { Length: > 0 } stored)
        {
            return Check(stored, $"{ComposeEnvironmentFile.AnnounceIpVariable} in {environmentPath}");
        }

        return HostAddress.FindPrimaryIPv4()?.ToString() ?? throw new AppHostException(
            "This machine has no IPv4 default route, so there is no address to announce. Set --Publish:AnnounceIp=<the IPv4 address clients and containers reach this machine at>.");
    }

    private static string Check(string value, string source)
    {
        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new AppHostException($"{source} must be an IPv4 address (is '{value}').");
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any))
        {
            throw new AppHostException(
                $"{source} is {value}, which the containers cannot use: inside a container it is the container itself, so nodes could not reach each other. Use this machine's address (e.g. the one `ip route get 1.1.1.1` shows as src).");
        }

        return address.ToString();
    }

    private static List<string> PortNotes(RedisClusterOptions cluster, SampleApiOptions sampleApiOptions)
    {
        var first = cluster.BasePort;
        var last = first + cluster.NodeCount - 1;
        var sampleApi = sampleApiOptions.Port == 0 ? ComposeGenerator.SampleApiContainerPort : sampleApiOptions.Port;
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"client ports {first}-{last}, cluster bus ports {first + 10000}-{last + 10000}, sample-api {sampleApi}"),
        ];
    }
}
