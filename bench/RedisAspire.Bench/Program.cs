using RedisAspire.Bench;

return await BenchProgram.RunAsync(args);
