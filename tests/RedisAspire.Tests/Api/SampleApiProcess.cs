using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using RedisAspire.AppHost;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Api;

/// <summary>
/// The built SampleApi running as a real child process (<c>dotnet RedisAspire.SampleApi.dll</c>) on a free 127.0.0.1
/// port, configured only through environment variables, as AppHost starts it. Dispose it to kill it.
/// </summary>
public sealed class SampleApiProcess : IAsyncDisposable
{
    /// <summary>How long <see cref="StartAsync"/> waits for the readiness path to answer 200.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    // Variables inherited from the test host that would change the API's behaviour behind the test's back.
    private static readonly string[] InheritedPrefixesToDrop = ["ConnectionStrings__", "Redis__", "OTEL_", "ASPNETCORE_", "Logging__"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputGate = new();
    private bool _started;

    private SampleApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        // No activity headers: a test that sends its own traceparent must reach SampleApi with exactly that one. With a
        // propagator, any HttpClient instrumentation alive in the test process (the in-process SampleApi fixture's) would
        // start a client span for this request and replace the header with a trace of its own.
        Http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = baseAddress,
            Timeout = RequestTimeout,
        };
    }

    /// <summary>SampleApi's own build output, as AppHost runs it (<see cref="ProjectPaths.SampleApi"/>).</summary>
    public static string AssemblyPath => File.Exists(ProjectPaths.SampleApi)
        ? ProjectPaths.SampleApi
        : throw new FileNotFoundException(
            $"SampleApi is not built at {ProjectPaths.SampleApi}; build the solution first (dotnet build RedisAspire.sln).");

    /// <summary>e.g. <c>http://127.0.0.1:20417/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for the API, each request bounded to 10 s.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything the process printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary><c>ConnectionStrings__cache</c> for a cluster, as the AppHost writes it: every node's endpoint, the application user and its password.</summary>
    public static string ConnectionString(RedisTestCluster cluster) =>
        string.Join(',', cluster.Endpoints) + (cluster.ApplicationUser is { } user ? ",user=" + user : "") + ",password=" + cluster.ApplicationPassword;

    /// <summary>
    /// Starts SampleApi against <paramref name="cluster"/> and waits, bounded by <paramref name="startTimeout"/>, until
    /// <paramref name="readinessPath"/> answers 200 (<c>/health</c>: connected to a Ready cluster; <c>/alive</c>: just up).
    /// <paramref name="environment"/> adds or overrides variables; a <see langword="null"/> value removes one.
    /// </summary>
    public static async Task<SampleApiProcess> StartAsync(
        RedisTestCluster cluster,
        IReadOnlyDictionary<string, string?>? environment = null,
        string readinessPath = "/health",
        TimeSpan? startTimeout = null)
    {
        // The allocator's range is below the ephemeral ports and it never hands a port out twice, so nodes started by
        // parallel tests cannot take it.
        var port = PortAllocator.Allocate(1)[0];
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        startInfo.ArgumentList.Add(AssemblyPath);
        foreach (DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            var name = (string)inherited.Key;
            if (InheritedPrefixesToDrop.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["ConnectionStrings__cache"] = ConnectionString(cluster);
        startInfo.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var api = new SampleApiProcess(new Process { StartInfo = startInfo }, baseAddress);
        try
        {
            api.Start();
            await api.WaitForStatusAsync(readinessPath, HttpStatusCode.OK, startTimeout ?? DefaultStartTimeout);
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Polls GET <paramref name="path"/> until it answers <paramref name="expected"/>; after <paramref name="timeout"/>
    /// throws a <see cref="TimeoutException"/> with the last answer and the process' output.
    /// </summary>
    public async Task WaitForStatusAsync(string path, HttpStatusCode expected, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastSeen = "no answer yet";
        while (stopwatch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"SampleApi exited with code {_process.ExitCode} while waiting for GET {path} to answer {(int)expected}.\n{Output}");
            }

            using var cts = new CancellationTokenSource(Min(RequestTimeout, timeout - stopwatch.Elapsed + PollInterval));
            try
            {
                using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cts.Token);
                if (response.StatusCode == expected)
                {
                    return;
                }

                lastSeen = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cts.Token)}";
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                lastSeen = $"{exception.GetType().Name}: {exception.Message}";
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException(
            $"GET {new Uri(BaseAddress, path)} did not answer {(int)expected} within {timeout.TotalSeconds:0.#} s; "
            + $"last seen: {lastSeen}\nSampleApi output:\n{Output}");
    }

    /// <summary>Kills the process tree and waits until it is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (_started && !_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    public override string ToString() => $"SampleApi at {BaseAddress}";

    private void Start()
    {
        _process.OutputDataReceived += (_, e) => KeepOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => KeepOutput(e.Data);
        _started = _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void KeepOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.AppendLine(line);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // The muxer that runs the tests, so SampleApi uses the same runtime; DOTNET_HOST_PATH is set by the SDK.
    private static string DotnetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? processPath
            : "dotnet";
    }
}
