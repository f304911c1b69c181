using ActorKeys.Cli;

return await Cli.RunAsync(args);
