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

    /// <summary><c>dotnet run --project …ClusterInit.csproj --no-build</c>, which DCP starts for the project resource.</summary>
    ClusterInitLauncher,

    /// <summary>ClusterInit itself (<c>RedisAspire.ClusterInit</c>), started by its launcher.</summary>
    ClusterInit,

    /// <summary><c>dotnet run --project …SampleApi.csproj --no-build</c>.</summary>
    SampleApiLauncher,

    /// <summary>SampleApi itself (<c>RedisAspire.SampleApi</c>).</summary>
    SampleApi,

    /// <summary>A <c>redis-server</c>.</summary>
    RedisServer,
}
