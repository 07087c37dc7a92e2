using System.Globalization;
using System.Text.RegularExpressions;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// The .NET install <c>dotnet --list-runtimes</c> reports: its root folder and the newest version present for both
/// <c>Microsoft.NETCore.App</c> and <c>Microsoft.AspNetCore.App</c> of one major version.
/// </summary>
/// <param name="Root">The folder holding the <c>dotnet</c> host, <c>host/fxr</c> and <c>shared</c>.</param>
/// <param name="Version">The shared runtime version, e.g. <c>10.0.12</c>.</param>
public sealed partial record DotNetRuntimeInstall(string Root, string Version)
{
    public const string CoreFramework = "Microsoft.NETCore.App";
    public const string AspNetCoreFramework = "Microsoft.AspNetCore.App";

    /// <summary>The folder of <paramref name="framework"/> at <see cref="Version"/>.</summary>
    public string FrameworkDirectory(string framework) => Path.Combine(Root, "shared", framework, Version);

    /// <summary>Reads <c>dotnet --list-runtimes</c> output; throws <see cref="FormatException"/> naming what is missing.</summary>
    public static DotNetRuntimeInstall Parse(string listRuntimesOutput, int majorVersion)
    {
        ArgumentNullException.ThrowIfNull(listRuntimesOutput);
        var runtimes = RuntimeLine().Matches(listRuntimesOutput)
            .Select(m => (Name: m.Groups["name"].Value, Version: m.Groups["version"].Value, Path: m.Groups["path"].Value))
            .ToList();
        var candidates = runtimes
            .Where(r => r.Name == CoreFramework && System.Version.TryParse(r.Version, out var v) && v.Major == majorVersion)
            .Where(core => runtimes.Any(r => r.Name == AspNetCoreFramework && r.Version == core.Version))
            .OrderByDescending(r => System.Version.Parse(r.Version))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"no {CoreFramework} {majorVersion}.x with the same {AspNetCoreFramework} version is installed (dotnet --list-runtimes printed: {listRuntimesOutput.Trim()})"));
        }

        var chosen = candidates[0];
        // The listed path is <root>/shared/Microsoft.NETCore.App.
        return new DotNetRuntimeInstall(Path.GetDirectoryName(Path.GetDirectoryName(chosen.Path))!, chosen.Version);
    }

    [GeneratedRegex(@"^(?<name>\S+) (?<version>\d+\.\d+\.\d+\S*) \[(?<path>[^\]]+)\]\s*$", RegexOptions.Multiline)]
    private static partial Regex RuntimeLine();
}
