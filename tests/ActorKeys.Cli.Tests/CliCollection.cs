namespace ActorKeys.Cli.Tests;

/// <summary>
/// Every test that starts actorkeys processes: one at a time, since each process starts a runtime and actor
/// systems, and two shared cores running several such tests at once only make timeouts likelier.
/// </summary>
[CollectionDefinition(nameof(CliCollection), DisableParallelization = true)]
public sealed class CliCollection;
