using Microsoft.Extensions.DependencyInjection;
using RedisAspire.ClusterInit;
using RedisAspire.ClusterInit.Formation;
using RedisAspire.ClusterInit.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName);
builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value);
builder.Services.AddSingleton<ClusterFormer>();
builder.Services.AddSingleton<ClusterInitRunner>();

using var host = builder.Build();
await host.StartAsync();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var exitCode = await host.Services.GetRequiredService<ClusterInitRunner>().RunAsync(lifetime.ApplicationStopping);
await host.StopAsync();
return exitCode;
