using ActorKeys.Testing;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// All scenario tests of this assembly in one collection, one at a time: several remoting systems at once on two
/// cores is a source of flakiness, not speed.
/// </summary>
[CollectionDefinition(ScenarioTest.Collection, DisableParallelization = true)]
public sealed class ScenarioCollection;
