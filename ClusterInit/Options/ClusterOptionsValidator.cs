using System.Globalization;
using RedisAspire.Cluster.Topology;
using RedisAspire.ClusterInit.Recovery;

namespace RedisAspire.ClusterInit.Options;

/// <summary>Checks the configuration before any node is contacted; every error names its configuration key.</summary>
public static class ClusterOptionsValidator
{
    public static IReadOnlyList<string> Validate(ClusterOptions options)
    {
        var errors = new List<string>();
        if (options.Masters < 3)
        {
            errors.Add($"Cluster:Masters is {options.Masters}; a Redis Cluster needs at least 3 masters to elect a new master after a failure.");
        }

        if (options.ReplicasPerMaster < 0)
        {
            errors.Add($"Cluster:ReplicasPerMaster is {options.ReplicasPerMaster}; it must be 0 or more.");
        }

        var expected = options.Masters * (1 + Math.Max(0, options.ReplicasPerMaster));
        if (options.Nodes.Count != expected)
        {
            errors.Add($"Cluster:Nodes lists {options.Nodes.Count} nodes, but {options.Masters} masters with {options.ReplicasPerMaster} replica(s) each need {expected}.");
        }

        var ports = new Dictionary<(string Host, int Port), string>();
        for (var i = 0; i < options.Nodes.Count; i++)
        {
            ValidateNode(options.Nodes[i], i, ports, errors);
        }

        var named = options.Nodes.Where(n => !string.IsNullOrWhiteSpace(n.Name)).Select(n => n.Name).ToList();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Count)
        {
            errors.Add("Cluster:Nodes has duplicate names; every node needs its own Name.");
        }

        if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"Cluster:User is '{options.User}' but Cluster:Password is empty; give the user's password (environment Cluster__Password).");
        }

        if (!string.IsNullOrEmpty(options.TlsCaFile) && !File.Exists(options.TlsCaFile))
        {
            errors.Add($"Cluster:TlsCaFile {options.TlsCaFile} does not exist; give the PEM file of the CA that issued the nodes' certificates.");
        }

        CheckPositive(options.NodesTimeout, "Cluster:NodesTimeout", errors);
        CheckPositive(options.ReadyTimeout, "Cluster:ReadyTimeout", errors);
        CheckPositive(options.CommandTimeout, "Cluster:CommandTimeout", errors);
        CheckPositive(options.PollInterval, "Cluster:PollInterval", errors);
        CheckPositive(options.WatchInterval, "Cluster:WatchInterval", errors);
        if (options.FormationNodeTimeout < TimeSpan.Zero)
        {
            errors.Add($"Cluster:FormationNodeTimeout is {options.FormationNodeTimeout}; it must be 00:00:00 (keep cluster-node-timeout) or a positive time span such as 00:00:00.500.");
        }

        if (!TakeoverRequest.TryParse(options.Takeover, out _, out var takeoverError))
        {
            errors.Add($"Cluster:Takeover is '{options.Takeover}': {takeoverError}. Give the slots of the shards to take over as ClusterInit's report "
                + "prints them (e.g. 0-5460 or 0-5460,10923-16383), or 'all'.");
        }

        return errors;
    }

    private static void ValidateNode(NodeOptions node, int index, Dictionary<(string Host, int Port), string> ports, List<string> errors)
    {
        var key = $"Cluster:Nodes:{index.ToString(CultureInfo.InvariantCulture)}";
        if (!NodeEndpoint.TryParse(node.Endpoint, out var endpoint, out var error))
        {
            errors.Add($"{key}:Endpoint: {error}");
            return;
        }

        var busPort = node.BusPort ?? endpoint.Port + 10000;
        if (busPort is < 1 or > 65535)
        {
            errors.Add($"{key}:BusPort: {busPort} is outside 1..65535 (the default is the client port + 10000; set BusPort explicitly for client ports above 55535).");
            return;
        }

        if (busPort == endpoint.Port)
        {
            errors.Add($"{key}:BusPort: {busPort} equals the node's client port.");
        }

        foreach (var (port, what) in new[] { (endpoint.Port, "client port"), (busPort, "bus port") })
        {
            if (ports.TryGetValue((endpoint.Host.ToLowerInvariant(), port), out var owner))
            {
                errors.Add($"{key}: {what} {endpoint.Host}:{port} is already used by {owner}.");
            }
            else
            {
                ports[(endpoint.Host.ToLowerInvariant(), port)] = $"{DisplayName(node, index)}'s {what}";
            }
        }
    }

    /// <summary>The node's configured name, or <c>node-{index}</c> when none is given.</summary>
    public static string DisplayName(NodeOptions node, int index) =>
        string.IsNullOrWhiteSpace(node.Name) ? $"node-{index.ToString(CultureInfo.InvariantCulture)}" : node.Name;

    private static void CheckPositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} is {value}; it must be a positive time span such as 00:00:30.");
        }
    }
}
