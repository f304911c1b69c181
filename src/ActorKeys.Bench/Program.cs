using ActorKeys.Bench;

return await BenchProgram.RunAsync(args);
