using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace RedisAspire.AppHost.Options;

/// <summary>Checks the <c>Kubernetes</c> section against the cluster it publishes; every message names the key to fix.</summary>
public static partial class KubernetesOptionsValidator
{
    // Kubernetes' default NodePort range (kube-apiserver --service-node-port-range).
    private const int MinNodePort = 30000;
    private const int MaxNodePort = 32767;

    /// <summary>Returns one message per problem; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(KubernetesOptions options, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!DnsLabel().IsMatch(options.Namespace ?? ""))
        {
            errors.Add($"Kubernetes:Namespace '{options.Namespace}' is not a DNS label (lowercase letters, digits and '-', at most 63 characters).");
        }

        if (options.ImagePullPolicy is not ("IfNotPresent" or "Always" or "Never"))
        {
            errors.Add($"Kubernetes:ImagePullPolicy must be IfNotPresent, Always or Never (is '{options.ImagePullPolicy}').");
        }

        if (!Quantity().IsMatch(options.StorageSize ?? ""))
        {
            errors.Add($"Kubernetes:StorageSize '{options.StorageSize}' is not a storage quantity such as 1Gi or 500Mi.");
        }

        if (!string.IsNullOrEmpty(options.StorageClass) && !DnsSubdomain().IsMatch(options.StorageClass))
        {
            errors.Add($"Kubernetes:StorageClass '{options.StorageClass}' is not a valid storage class name.");
        }

        if (options.SampleApiReplicas < 0)
        {
            errors.Add(Format($"Kubernetes:SampleApiReplicas must be 0 or more (is {options.SampleApiReplicas})."));
        }

        if (options.SampleApiPort is < 1 or > 65535)
        {
            errors.Add(Format($"Kubernetes:SampleApiPort must be between 1 and 65535 (is {options.SampleApiPort})."));
        }

        if (options.ExternalAccess == KubernetesExternalAccess.NodePort)
        {
            ValidateNodePorts(options, nodeCount, errors);
        }

        return errors;
    }

    private static void ValidateNodePorts(KubernetesOptions options, int nodeCount, List<string> errors)
    {
        if (!IPAddress.TryParse(options.NodeAddress, out _))
        {
            errors.Add($"Kubernetes:NodeAddress must be the IP address of a Kubernetes node (or a load balancer in front of them) when Kubernetes:ExternalAccess is NodePort (is '{options.NodeAddress}'); Redis announces IP addresses only.");
        }

        foreach (var (key, start) in new[] { ("Kubernetes:ClientNodePortBase", options.ClientNodePortBase), ("Kubernetes:BusNodePortBase", options.BusNodePortBase) })
        {
            if (start < MinNodePort || start + nodeCount - 1 > MaxNodePort)
            {
                errors.Add(Format($"{key} must leave {nodeCount} ports within {MinNodePort}-{MaxNodePort} (is {start})."));
            }
        }

        if (Math.Abs(options.ClientNodePortBase - options.BusNodePortBase) < nodeCount)
        {
            errors.Add(Format($"Kubernetes:ClientNodePortBase ({options.ClientNodePortBase}) and Kubernetes:BusNodePortBase ({options.BusNodePortBase}) overlap: they must be at least {nodeCount} apart."));
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[1-9][0-9]*(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")]
    private static partial Regex Quantity();
}
