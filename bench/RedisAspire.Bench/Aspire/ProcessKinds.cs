namespace RedisAspire.Bench.Aspire;

/// <summary>Tells a process' <see cref="ProcessKind"/> from its arguments, and names each kind for the tables.</summary>
public static class ProcessKinds
{
    public static ProcessKind Classify(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            return ProcessKind.Other;
        }

        // redis-server rewrites its title into argv[0]: "/usr/bin/redis-server 127.0.0.1:7000 [cluster]".
        var program = Path.GetFileName(arguments[0].Split(' ')[0]);
        if (program.StartsWith("redis-server", StringComparison.Ordinal))
        {
            return ProcessKind.RedisServer;
        }

        if (program == "dcp")
        {
            return ProcessKind.Dcp;
        }

        if (program == "Aspire.Dashboard" || arguments.Any(a => a.EndsWith("Aspire.Dashboard.dll", StringComparison.Ordinal)))
        {
            return ProcessKind.Dashboard;
        }

        if (program is "dotnet" && arguments.Contains("run") && ProjectOf(arguments) is { } project)
        {
            return project.EndsWith("ClusterInit.csproj", StringComparison.Ordinal) ? ProcessKind.ClusterInitLauncher
                : project.EndsWith("SampleApi.csproj", StringComparison.Ordinal) ? ProcessKind.SampleApiLauncher
                : ProcessKind.Other;
        }

        return program == "RedisAspire.ClusterInit" || arguments.Any(a => a.EndsWith("RedisAspire.ClusterInit.dll", StringComparison.Ordinal)) ? ProcessKind.ClusterInit
            : program == "RedisAspire.SampleApi" || arguments.Any(a => a.EndsWith("RedisAspire.SampleApi.dll", StringComparison.Ordinal)) ? ProcessKind.SampleApi
            : ProcessKind.Other;
    }

    /// <summary>The name a table row uses for <paramref name="kind"/>.</summary>
    public static string Describe(ProcessKind kind) => kind switch
    {
        ProcessKind.AppHost => "AppHost",
        ProcessKind.Dcp => "dcp",
        ProcessKind.Dashboard => "dashboard (Aspire.Dashboard)",
        ProcessKind.ClusterInitLauncher => "cluster-init launcher (dotnet run)",
        ProcessKind.ClusterInit => "cluster-init",
        ProcessKind.SampleApiLauncher => "sample-api launcher (dotnet run)",
        ProcessKind.SampleApi => "sample-api",
        ProcessKind.RedisServer => "redis-server",
        _ => "other",
    };

    private static string? ProjectOf(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == "--project")
            {
                return arguments[i + 1];
            }
        }

        return null;
    }
}
