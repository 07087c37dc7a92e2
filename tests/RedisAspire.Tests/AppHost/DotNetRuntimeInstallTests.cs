using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Reading <c>dotnet --list-runtimes</c> to choose the runtime the local .NET base image holds.</summary>
public sealed class DotNetRuntimeInstallTests
{
    [Fact]
    public void ChoosesTheNewestVersionPresentForBothFrameworks()
    {
        const string Output = """
            Microsoft.AspNetCore.App 9.0.5 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]
            Microsoft.AspNetCore.App 10.0.3 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]
            Microsoft.NETCore.App 9.0.5 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
            Microsoft.NETCore.App 10.0.3 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
            Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
            """;

        var install = DotNetRuntimeInstall.Parse(Output, 10);

        Assert.Equal("/usr/share/dotnet", install.Root);
        Assert.Equal("10.0.3", install.Version);
        Assert.Equal("/usr/share/dotnet/shared/Microsoft.AspNetCore.App/10.0.3", install.FrameworkDirectory(DotNetRuntimeInstall.AspNetCoreFramework));
    }

    [Fact]
    public void NamesWhatIsMissingWhenNoVersionHasBothFrameworks()
    {
        const string Output = "Microsoft.NETCore.App 10.0.12 [/opt/dotnet/shared/Microsoft.NETCore.App]\n";

        var error = Assert.Throws<FormatException>(() => DotNetRuntimeInstall.Parse(Output, 10));

        Assert.Contains("Microsoft.AspNetCore.App", error.Message, StringComparison.Ordinal);
    }
}
