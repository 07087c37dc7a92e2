using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RedisAspire.AppHost.Options;

/// <summary>Checks AppHost's options; every message names the configuration key to fix.</summary>
public static class OptionsValidator
{
    private const int MaxPort = 65535;
    private const int BusPortOffset = 10000;

    /// <summary>Returns one message per problem in the <c>Cluster</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(RedisClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Masters < 3)
        {
            errors.Add(Format($"Cluster:Masters must be at least 3 (is {options.Masters}): Redis Cluster needs a majority of masters to fail over."));
        }

        if (options.ReplicasPerMaster < 0)
        {
            errors.Add(Format($"Cluster:ReplicasPerMaster must be 0 or more (is {options.ReplicasPerMaster})."));
        }

        if (options.BasePort is < 1 or > MaxPort)
        {
            errors.Add(Format($"Cluster:BasePort must be between 1 and {MaxPort} (is {options.BasePort})."));
        }
        else if (errors.Count == 0)
        {
            ValidatePortRange(options, errors);
        }

        ValidateAnnounceIp(options.AnnounceIp, errors);
        if (options.NodeTimeout < TimeSpan.FromMilliseconds(1))
        {
            errors.Add(Format($"Cluster:NodeTimeout must be at least 1 ms (is {options.NodeTimeout}), e.g. 00:00:05."));
        }

        if ((options.Password ?? "").Any(c => c == ',' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add("Cluster:Password must not contain ',', whitespace or control characters: it goes into redis.conf and into a StackExchange.Redis connection string. Leave it empty to generate one.");
        }

        return errors;
    }

    /// <summary>Returns one message per problem in the <c>AppHost</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(AppHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add("AppHost:StateDirectory must not be empty; it holds redis.conf, nodes.conf, AOF files and the password.");
        }

        RequirePositive(options.NodeStartTimeout, "AppHost:NodeStartTimeout", errors);
        RequirePositive(options.ClusterInitTimeout, "AppHost:ClusterInitTimeout", errors);
        RequirePositive(options.SampleApiStartTimeout, "AppHost:SampleApiStartTimeout", errors);
        RequirePositive(options.StopTimeout, "AppHost:StopTimeout", errors);
        RequirePositive(options.ProbeTimeout, "AppHost:ProbeTimeout", errors);
        RequirePositive(options.ProbeInterval, "AppHost:ProbeInterval", errors);
        return errors;
    }

    /// <summary>Returns one message per problem in the <c>Container</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(ContainerOptions options) => ContainerOptionsValidator.Validate(options);

    /// <summary>Returns one message per problem in the <c>SampleApi</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(SampleApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Port is < 0 or > MaxPort
            ? [Format($"SampleApi:Port must be between 1 and {MaxPort}, or 0 to pick a free port (is {options.Port}).")]
            : [];
    }

    /// <summary>Returns one message per problem in the <c>Otlp</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(OtlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.IsEnabled
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Otlp:Endpoint '{options.Endpoint}' is not an absolute http or https URL; use the collector's OTLP address, e.g. http://127.0.0.1:4318 (http/protobuf) or http://127.0.0.1:4317 (grpc), or leave it empty to export nothing.");
        }

        if (!string.IsNullOrEmpty(options.Protocol) && options.Protocol is not (OtlpOptions.HttpProtobuf or OtlpOptions.Grpc))
        {
            errors.Add($"Otlp:Protocol '{options.Protocol}' is not supported; use {OtlpOptions.HttpProtobuf} or {OtlpOptions.Grpc}.");
        }

        return errors;
    }

    private static void ValidatePortRange(RedisClusterOptions options, List<string> errors)
    {
        long nodeCount = (long)options.Masters * (1L + options.ReplicasPerMaster);
        long lastClientPort = options.BasePort + nodeCount - 1;
        if (lastClientPort > MaxPort)
        {
            errors.Add(Format($"Cluster:BasePort {options.BasePort} gives redis-{nodeCount - 1} client port {lastClientPort}, above {MaxPort}; use a Cluster:BasePort of at most {MaxPort - nodeCount + 1}."));
            return;
        }

        if (lastClientPort + BusPortOffset > MaxPort)
        {
            errors.Add(Format($"Cluster:BasePort {options.BasePort} gives redis-{nodeCount - 1} bus port {lastClientPort + BusPortOffset} (client port + {BusPortOffset}), above {MaxPort}; use a Cluster:BasePort of at most {MaxPort - BusPortOffset - nodeCount + 1}."));
        }
    }

    private static void ValidateAnnounceIp(string announceIp, List<string> errors)
    {
        if (!IPAddress.TryParse(announceIp, out var address))
        {
            errors.Add($"Cluster:AnnounceIp '{announceIp}' is not an IP address; use an address clients and the other nodes can reach, e.g. 127.0.0.1.");
        }
        else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            errors.Add($"Cluster:AnnounceIp {announceIp} is a wildcard; nodes announce it to clients, so use an address they can reach, e.g. 127.0.0.1.");
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            errors.Add($"Cluster:AnnounceIp {announceIp} has a scope id; Redis cannot announce link-local scoped addresses, use a global or loopback address.");
        }
    }

    internal static void RequirePositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(Format($"{key} must be positive (is {value})."));
        }
    }

    internal static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
