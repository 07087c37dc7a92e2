namespace RedisAspire.Bench.Aspire;

/// <summary>What a process of one AppHost run is, told from its command line.</summary>
public enum ProcessKind
{
    /// <summary>A process of the run that is none of the below (it still has to be gone after the stop).</summary>
    Other,

    /// <summary>The AppHost the benchmark started.</summary>
    AppHost,

    /// <summary>Aspire's orchestrator: <c>dcp start-apiserver</c>, <c>run-controllers</c>, one <c>monitor-process</c> per executable.</summary>
    Dcp,

    /// <summary>Aspire's dashboard, an executable DCP runs.</summary>
    Dashboard,

    /// <summary>
    /// <c>dotnet run --project …ClusterInit.csproj</c>, which DCP started for the project resource while the AppHost
    /// launched projects through <c>dotnet run</c>. The AppHost now starts ClusterInit from its build output, so none is
    /// expected; the kind stays so the suites say so when one shows up.
    /// </summary>
    ClusterInitLauncher,

    /// <summary>ClusterInit itself (<c>RedisAspire.ClusterInit</c>), a direct child of DCP.</summary>
    ClusterInit,

    /// <summary><c>dotnet run --project …SampleApi.csproj</c>: not expected any more (see <see cref="ClusterInitLauncher"/>).</summary>
    SampleApiLauncher,

    /// <summary>SampleApi itself (<c>RedisAspire.SampleApi</c>), a direct child of DCP.</summary>
    SampleApi,

    /// <summary>A <c>redis-server</c>.</summary>
    RedisServer,
}
