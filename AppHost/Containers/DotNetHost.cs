namespace RedisAspire.AppHost.Containers;

/// <summary>Finds the <c>dotnet</c> host used to run project dlls (cluster-init, sample-api).</summary>
internal static class DotNetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        // Running as `dotnet RedisAspire.AppHost.dll`: reuse the same host.
        var current = Environment.ProcessPath;
        if (current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var fromRoot = string.IsNullOrEmpty(root) ? null : System.IO.Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return fromRoot is not null && File.Exists(fromRoot) ? fromRoot : "dotnet";
    }
}
