using RedisAspire.SampleApi.Cluster;
using RedisAspire.SampleApi.Counters;
using RedisAspire.SampleApi.Items;
using RedisAspire.SampleApi.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisClusterClient("cache");
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapItems();
app.MapCounters();
app.MapCluster();
app.MapDefaultEndpoints();

app.Run();
