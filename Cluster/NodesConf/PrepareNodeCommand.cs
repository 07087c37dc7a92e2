using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.NodesConf;

/// <summary>
/// <c>prepare-node</c>: rewrites nodes.conf before a node starts, so a node whose address changed
/// (a restarted pod or container with a new IP) announces where it is now and finds its peers.
/// <c>--node PATH=ADDRESS</c> (repeatable) gives a node's nodes.conf and its current address; with
/// several, each file also learns the others' new addresses by node ID. <c>--peer ID=ADDRESS</c>
/// (repeatable) adds peers' current addresses by node ID. Addresses are <c>host:port[@busport]</c>.
/// A missing nodes.conf (a new node) is left alone; a file that does not parse is never touched.
/// Exit codes: 0 done, 1 a file could not be read, parsed or written, 2 bad arguments.
/// </summary>
public static class PrepareNodeCommand
{
    public const string Usage =
        "usage: ClusterInit prepare-node --node <nodes.conf path>=<host:port[@busport]> [--node …] [--peer <node id>=<host:port[@busport]> …]";

    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (!TryParseArguments(arguments, out var nodes, out var peers, out var problem))
        {
            error.WriteLine($"prepare-node: {problem}");
            error.WriteLine(Usage);
            return 2;
        }

        var files = new List<(string Path, ClusterAddress Address, NodesConfFile File)>();
        foreach (var (path, address) in nodes)
        {
            if (!File.Exists(path))
            {
                output.WriteLine($"prepare-node: {path} does not exist yet (a new node); nothing to rewrite.");
                continue;
            }

            try
            {
                files.Add((path, address, NodesConfFile.Parse(File.ReadAllText(path))));
            }
            catch (Exception exception) when (exception is ClusterNodesFormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"prepare-node: {path} cannot be read as a nodes.conf ({exception.Message}); it was left untouched. "
                    + (File.Exists(path + ".bak")
                        ? $"Check the file, or restore it from {Path.GetFileName(path)}.bak beside it."
                        : "Check the file; there is no .bak copy beside it to restore from."));
                return 1;
            }
        }

        var addressById = new Dictionary<string, ClusterAddress>(peers, StringComparer.Ordinal);
        foreach (var (_, address, file) in files)
        {
            addressById[file.Myself.Id] = address;
        }

        foreach (var (path, _, file) in files)
        {
            var changed = addressById.Where(pair => file.SetAddress(pair.Key, pair.Value)).Select(pair => $"{pair.Key[..8]}→{pair.Value}").ToList();
            if (changed.Count == 0)
            {
                output.WriteLine($"prepare-node: {path} already has these addresses.");
                continue;
            }

            try
            {
                NodesConfWriter.Replace(path, file.ToText());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"prepare-node: {path} could not be replaced ({exception.Message}); the original is unchanged.");
                return 1;
            }

            output.WriteLine($"prepare-node: {path}: {string.Join(", ", changed)} (previous file kept as {Path.GetFileName(path)}.bak)");
        }

        return 0;
    }

    private static bool TryParseArguments(
        IReadOnlyList<string> arguments, out List<(string, ClusterAddress)> nodes, out Dictionary<string, ClusterAddress> peers, out string problem)
    {
        nodes = [];
        peers = new Dictionary<string, ClusterAddress>(StringComparer.Ordinal);
        problem = "";
        for (var i = 0; i < arguments.Count; i++)
        {
            var option = arguments[i];
            if (option is not ("--node" or "--peer") || i + 1 >= arguments.Count)
            {
                problem = $"unexpected argument '{option}'.";
                return false;
            }

            var value = arguments[++i];
            var equals = value.LastIndexOf('=');
            if (equals <= 0)
            {
                problem = $"{option} '{value}' is not KEY=ADDRESS.";
                return false;
            }

            if (!ClusterAddress.TryParse(value[(equals + 1)..], out var address, out var error))
            {
                problem = $"{option} '{value}': {error}";
                return false;
            }

            var key = value[..equals];
            if (option == "--node")
            {
                nodes.Add((key, address));
            }
            else if (key.Length != 40 || !key.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                problem = $"--peer '{value}': '{key}' is not a node ID (40 lowercase hex characters).";
                return false;
            }
            else
            {
                peers[key] = address;
            }
        }

        if (nodes.Count == 0)
        {
            problem = "at least one --node is required.";
            return false;
        }

        return true;
    }
}
