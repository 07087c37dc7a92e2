using RedisAspire.Bench;
using RedisAspire.Bench.Aspire;

return args is [BareAppHost.Verb, .. var rest]
    ? await BareAppHost.RunAsync(rest)
    : await BenchProgram.RunAsync(args);
