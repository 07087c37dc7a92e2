using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// A fact that runs the nodes as containers on one runtime. Skipped, saying why, only when something it needs is absent:
/// <c>redis-server</c>/<c>redis-cli</c> (the node image is built from them), the runtime (its <c>info</c> does not
/// answer), or — for a client in a network namespace of its own — root and <c>ip</c>/<c>iptables</c>.
/// </summary>
public abstract class ContainerRuntimeFactAttribute : FactAttribute
{
    protected ContainerRuntimeFactAttribute(string runtime, bool networkNamespace)
    {
        Skip = RedisTools.SkipReason ?? ContainerRuntimeCli.SkipReasonFor(runtime) ?? (networkNamespace ? NamespaceSkipReason() : null);
    }

    private static readonly string[] NamespaceTools = ["ip", "iptables"];

    private static string? NamespaceSkipReason()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "A client in a network namespace of its own needs Linux and root (CAP_NET_ADMIN); CI runs the tests as root.";
        }

        var missing = NamespaceTools.Where(tool => ExecutableLocator.Find(tool) is null).ToList();
        return missing.Count == 0 ? null : $"{string.Join(" and ", missing)} not on PATH; .ci/run installs iproute2 (and iptables comes with the engines).";
    }
}
