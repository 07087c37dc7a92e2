using Microsoft.Extensions.DependencyInjection;
using RedisAspire.ClusterInit;
using RedisAspire.ClusterInit.Formation;
using RedisAspire.Cluster.NodesConf;
using RedisAspire.ClusterInit.Options;

// Verbs and flags are taken off before the rest becomes configuration (--Section:Key=value).
if (args is ["prepare-node", .. var prepareArguments])
{
    return PrepareNodeCommand.Run(prepareArguments, Console.Out, Console.Error);
}

var watch = args.Contains("--watch");
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--watch").ToArray());
// A one-shot run whose telemetry goes nowhere without an OTLP endpoint; setting OpenTelemetry up anyway costs
// about a third of the process' start-up and shut-down.
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    builder.AddServiceDefaults();
}

builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName);
builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value);
builder.Services.AddSingleton<ClusterFormer>();
builder.Services.AddSingleton<ClusterInitRunner>();

using var host = builder.Build();
await host.StartAsync();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var runner = host.Services.GetRequiredService<ClusterInitRunner>();
var exitCode = watch ? await runner.WatchAsync(lifetime.ApplicationStopping) : await runner.RunAsync(lifetime.ApplicationStopping);
await host.StopAsync();
return exitCode;
