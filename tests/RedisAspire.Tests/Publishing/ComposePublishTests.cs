using RedisAspire.Hosting.Publishing;
using System.Runtime.Versioning;
using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>What the <c>publish-compose</c> step writes from the application model: docker-compose.yaml, redis.conf and .env, read back and checked.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ComposePublishTests
{
    private const string Password = "Configured-Secret-0123456789";
    private const string AnnounceIp = "192.0.2.45";

    private static readonly string[] NodeNames = ["cache-0", "cache-1", "cache-2", "cache-3", "cache-4", "cache-5"];

    [Fact]
    public void WritesTheComposeFileTheSharedConfigAndAPrivateEnvFile()
    {
        using var compose = Publish();

        Assert.Equal(0, compose.ExitCode);
        Assert.Equal(PublishedNode.RenderConfig(new() { BasePort = 7400, Acl = false }), File.ReadAllText(compose.ConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(compose.EnvironmentPath));
        Assert.Equal(Password, ComposeEnvironmentFile.ReadVariable(compose.EnvironmentPath, "REDIS_PASSWORD"));
        Assert.Equal(AnnounceIp, ComposeEnvironmentFile.ReadVariable(compose.EnvironmentPath, "ANNOUNCE_IP"));
        Assert.Equal(["services", "volumes"], compose.Document.Keys.Cast<string>());
    }

    [Fact]
    public void HasSixNodesEachWithItsVolumeTheSharedConfigAndTheStartScript()
    {
        using var compose = Publish();
        var volumes = PublishedCompose.Map(compose.Document["volumes"]);

        Assert.Equal([.. NodeNames, "cluster-init", "sample-api"], compose.Services.Keys.Cast<string>());
        Assert.Equal(NodeNames.Select(n => n + "-data"), volumes.Keys.Cast<string>());
        foreach (var name in NodeNames)
        {
            var node = compose.Service(name);
            Assert.Equal("localhost/redisaspire/redis:7.0.15", node["image"]);
            Assert.Equal(PublishedNode.Command, PublishedCompose.Strings(node["entrypoint"]).Select(PublishedCompose.Unescape));
            Assert.Equal([$"{name}-data:/data", "./redis.conf:/etc/redisaspire/redis.conf:ro"], PublishedCompose.Strings(node["volumes"]));
            Assert.Equal("unless-stopped", node["restart"]);
        }
    }

    [Fact]
    public void EveryNodeAnnouncesTheEnvAddressWithItsPortsPublishedOneToOne()
    {
        using var compose = Publish();

        for (var i = 0; i < NodeNames.Length; i++)
        {
            var node = compose.Service(NodeNames[i]);
            var environment = PublishedCompose.Map(node["environment"]);
            var port = 7400 + i;
            Assert.Equal($"{port}", environment["REDIS_PORT"]);
            Assert.StartsWith("${ANNOUNCE_IP:?", (string)environment["ANNOUNCE_IP"], StringComparison.Ordinal);
            Assert.Equal($"{port}", environment["ANNOUNCE_PORT"]);
            Assert.Equal($"{port + 10000}", environment["ANNOUNCE_BUS_PORT"]);
            Assert.Equal([$"{port}:{port}", $"{port + 10000}:{port + 10000}"], PublishedCompose.Strings(node["ports"]));
        }

        var script = PublishedCompose.Unescape(PublishedCompose.Strings(compose.Service("cache-0")["entrypoint"])[2]);
        Assert.Contains("--cluster-announce-ip \"$ANNOUNCE_IP\"", script, StringComparison.Ordinal);
        Assert.Contains("--cluster-announce-bus-port \"${ANNOUNCE_BUS_PORT:-$((REDIS_PORT + 10000))}\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void HealthChecksAuthenticateThroughTheEnvironmentNotTheCommandLine()
    {
        using var compose = Publish();

        foreach (var name in NodeNames)
        {
            var healthcheck = PublishedCompose.Map(compose.Service(name)["healthcheck"]);
            var test = PublishedCompose.Strings(healthcheck["test"]);
            Assert.Equal("CMD-SHELL", test[0]);
            var command = PublishedCompose.Unescape(test[1]);
            Assert.Equal(ComposeGenerator.NodeHealthCheck, command);
            Assert.Contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli", command, StringComparison.Ordinal);
            Assert.DoesNotContain(" -a ", command, StringComparison.Ordinal);
            Assert.DoesNotContain("--pass", command, StringComparison.Ordinal);
            Assert.Contains("interval", healthcheck.Keys);
            Assert.Contains("retries", healthcheck.Keys);
        }
    }

    [Fact]
    public void ThePasswordIsWrittenOnlyToTheEnvFile()
    {
        using var compose = Publish();

        Assert.Contains(Password, File.ReadAllText(compose.EnvironmentPath), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, compose.ComposeText, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, File.ReadAllText(compose.ConfigPath), StringComparison.Ordinal);
        foreach (var name in NodeNames)
        {
            Assert.Equal("${REDIS_PASSWORD:?REDIS_PASSWORD must be set in .env}", PublishedCompose.Map(compose.Service(name)["environment"])["REDIS_PASSWORD"]);
        }

        Assert.Equal("${REDIS_PASSWORD}", PublishedCompose.Map(compose.Service("cluster-init")["environment"])["Cluster__Password"]);
        Assert.EndsWith(",password=${REDIS_PASSWORD}", (string)PublishedCompose.Map(compose.Service("sample-api")["environment"])["ConnectionStrings__cache"], StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterInitStartsWhenEveryNodeIsHealthyReachesThemAtTheAnnouncedAddressAndIsNeverToldToReset()
    {
        using var compose = Publish();
        var clusterInit = compose.Service("cluster-init");
        var environment = PublishedCompose.Map(clusterInit["environment"]);
        var dependsOn = PublishedCompose.Map(clusterInit["depends_on"]);

        Assert.Equal("localhost/redisaspire/cluster-init:1.0.0", clusterInit["image"]);
        Assert.Equal("no", clusterInit["restart"]);
        Assert.Equal(NodeNames, dependsOn.Keys.Cast<string>());
        Assert.All(dependsOn.Values, d => Assert.Equal("service_healthy", PublishedCompose.Map(d)["condition"]));
        for (var i = 0; i < NodeNames.Length; i++)
        {
            Assert.Equal(NodeNames[i], environment[$"Cluster__Nodes__{i}__Name"]);
            Assert.Equal($"${{ANNOUNCE_IP}}:{7400 + i}", environment[$"Cluster__Nodes__{i}__Endpoint"]);
            Assert.Equal($"{17400 + i}", environment[$"Cluster__Nodes__{i}__BusPort"]);
        }

        Assert.Equal("3", environment["Cluster__Masters"]);
        Assert.Equal("1", environment["Cluster__ReplicasPerMaster"]);
        Assert.False(clusterInit.ContainsKey("command"), "cluster-init runs its default one-shot form-or-repair");
        foreach (var word in new[] { "reset", "flush" })
        {
            Assert.DoesNotContain(word, compose.ComposeText, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void SampleApiStartsAfterClusterInitSucceededAndListsEveryNode()
    {
        using var compose = Publish("--SampleApi:Port=5190");
        var sampleApi = compose.Service("sample-api");
        var environment = PublishedCompose.Map(sampleApi["environment"]);
        var dependsOn = PublishedCompose.Map(sampleApi["depends_on"]);

        Assert.Equal("localhost/redisaspire/sample-api:1.0.0", sampleApi["image"]);
        Assert.Equal("service_completed_successfully", PublishedCompose.Map(Assert.Single(dependsOn).Value)["condition"]);
        Assert.Equal("cluster-init", Assert.Single(dependsOn).Key);
        Assert.Equal(["5190:8080"], PublishedCompose.Strings(sampleApi["ports"]));
        Assert.Equal("http://0.0.0.0:8080", environment["ASPNETCORE_URLS"]);
        var endpoints = ((string)environment["ConnectionStrings__cache"]).Split(',')[..^1];
        Assert.Equal(Enumerable.Range(7400, 6).Select(p => $"${{ANNOUNCE_IP}}:{p}"), endpoints);
    }

    [Fact]
    public void OtlpVariablesAppearOnlyWhenAnEndpointIsConfigured()
    {
        using var without = Publish();
        using var with = Publish("--Otlp:Endpoint=http://collector:4318");

        Assert.DoesNotContain("OTEL_EXPORTER_OTLP", without.ComposeText, StringComparison.Ordinal);
        foreach (var service in new[] { "cluster-init", "sample-api" })
        {
            Assert.Equal("http://collector:4318", PublishedCompose.Map(with.Service(service)["environment"])["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        }
    }

    [Fact]
    public void PublishingAgainKeepsTheStoredPasswordAndAnnounceAddress()
    {
        var directory = PublishedCompose.NewDirectory();
        using var first = PublishedCompose.PublishInto(directory, "--Publish:AnnounceIp=" + AnnounceIp);
        var generated = ComposeEnvironmentFile.ReadVariable(first.EnvironmentPath, "REDIS_PASSWORD");
        using var second = PublishedCompose.PublishInto(directory, "--Cluster:BasePort=7600");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.NotNull(generated);
        Assert.True(PublishedNode.IsPublishablePassword(generated), generated);
        Assert.True(generated.Length >= 32);
        Assert.Equal(generated, ComposeEnvironmentFile.ReadVariable(second.EnvironmentPath, "REDIS_PASSWORD"));
        Assert.Equal(AnnounceIp, ComposeEnvironmentFile.ReadVariable(second.EnvironmentPath, "ANNOUNCE_IP"));
        Assert.Contains("7600:7600", second.ComposeText, StringComparison.Ordinal);
    }

    [Fact]
    public void ADifferentConfiguredPasswordOverAnExistingEnvFileFailsAndChangesNothing()
    {
        var directory = PublishedCompose.NewDirectory();
        using var first = PublishedCompose.PublishInto(directory, "--Parameters:cache-password=" + Password, "--Publish:AnnounceIp=" + AnnounceIp);
        var before = File.ReadAllText(first.EnvironmentPath);
        using var second = PublishedCompose.PublishInto(directory, "--Parameters:cache-password=Another-Secret-0123456789", "--Publish:AnnounceIp=" + AnnounceIp);

        Assert.Equal(1, second.ExitCode);
        Assert.Equal(before, File.ReadAllText(second.EnvironmentPath));
    }

    [Theory]
    [InlineData("--Parameters:cache-password=has space")]
    [InlineData("--Parameters:cache-password=comma,in,it")]
    [InlineData("--Parameters:cache-password=dollar$sign")]
    [InlineData("--Publish:AnnounceIp=127.0.0.1")]
    [InlineData("--Publish:AnnounceIp=::1")]
    [InlineData("--Publish:AnnounceIp=not-an-address")]
    public void RefusesSettingsTheDeploymentCouldNotUse(string setting)
    {
        string[] settings = setting.StartsWith("--Publish:", StringComparison.Ordinal) ? [setting] : [setting, "--Publish:AnnounceIp=" + AnnounceIp];
        using var compose = PublishedCompose.Publish(settings);

        Assert.Equal(1, compose.ExitCode);
        Assert.False(File.Exists(compose.EnvironmentPath));
        Assert.False(File.Exists(compose.ComposePath));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        using var first = Publish();
        using var second = Publish();

        Assert.Equal(first.ComposeText, second.ComposeText);
    }

    private static PublishedCompose Publish(params string[] settings) =>
        PublishedCompose.Publish(["--Parameters:cache-password=" + Password, "--Publish:AnnounceIp=" + AnnounceIp, "--Cluster:BasePort=7400", .. settings]);
}
